package io.github.passkey4j.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContractNamesTest {

    private final ContractNames names = new ContractNames();

    @Test
    void whenAStoreTestRunsANestedGroupThenItIsNamedAfterTheStoreTestAndTheGroupInWords() throws Exception {
        Class<?> signInCeremony = Class.forName(PasskeyStoreContract.class.getName() + "$SignInCeremony");

        assertThat(names.generateDisplayNameForNestedClass(List.of(InMemoryPasskeyStoreTest.class), signInCeremony))
                .isEqualTo("InMemoryPasskeyStoreTest: sign-in ceremony");
    }

    @Test
    void whenNoEnclosingInstanceIsKnownThenTheContractNamesTheGroup() throws Exception {
        Class<?> passkeys = Class.forName(PasskeyStoreContract.class.getName() + "$Passkeys");

        assertThat(names.generateDisplayNameForNestedClass(List.of(), passkeys))
                .isEqualTo("PasskeyStoreContract: passkeys");
    }
}
