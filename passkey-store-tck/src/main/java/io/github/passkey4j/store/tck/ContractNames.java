package io.github.passkey4j.store.tck;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Display names for {@link PasskeyStoreContract}: names the contract's nested groups after the store's own test class ("H2StoreContractTest:
 * passkeys"), so that reports read by store and group rather than as
 * {@code PasskeyStoreContract$Passkeys}, which every store's run would share.
 */
public final class ContractNames extends DisplayNameGenerator.Standard {

    /** Made by JUnit, through {@code @DisplayNameGeneration} on {@link PasskeyStoreContract}. */
    public ContractNames() {
    }

    /**
     * Names a nested group of the contract after the store test that runs it.
     *
     * @param enclosingInstanceTypes the classes of the enclosing instances, the store's test last
     * @param nestedClass the group
     * @return e.g. "H2StoreContractTest: sign-in ceremony"
     */
    @Override
    public String generateDisplayNameForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> nestedClass) {
        Class<?> storeTest = enclosingInstanceTypes.isEmpty()
                ? nestedClass.getEnclosingClass()
                : enclosingInstanceTypes.get(enclosingInstanceTypes.size() - 1);
        return storeTest.getSimpleName() + ": " + words(nestedClass.getSimpleName());
    }

    /* "SignInCeremony" to "sign-in ceremony" */
    static String words(String camelCase) {
        String spaced = camelCase.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(java.util.Locale.ROOT);
        return spaced.replace("sign in", "sign-in");
    }
}
