package com.example.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.jdbc.JdbcPasskeyStore;
import io.github.passkey4j.store.tck.PasskeyStoreContract;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** passkey4j's modules are named modules here, and export only their API packages. */
class ModulePathTest {

    private static Set<String> exports(Class<?> type) {
        ModuleDescriptor d = type.getModule().getDescriptor();
        return d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    @Test
    void whenRunOnTheModulePathThenPasskey4jsModulesAreNamedAndExportOnlyTheirApi() {
        assertThat(ExampleStores.class.getModule().getName()).isEqualTo("com.example.store");
        assertThat(InMemoryPasskeyStore.class.getModule().getName()).isEqualTo("io.github.passkey4j.store");
        assertThat(JdbcPasskeyStore.class.getModule().getName()).isEqualTo("io.github.passkey4j.store.jdbc");
        assertThat(SoftwareAuthenticator.class.getModule().getName()).isEqualTo("io.github.passkey4j.testing");
        assertThat(PasskeyStoreContract.class.getModule().getName()).isEqualTo("io.github.passkey4j.store.tck");

        assertThat(exports(InMemoryPasskeyStore.class)).containsExactly("io.github.passkey4j.store");
        assertThat(exports(JdbcPasskeyStore.class)).containsExactly("io.github.passkey4j.store.jdbc");
        assertThat(exports(SoftwareAuthenticator.class)).containsExactly("io.github.passkey4j.testing");
        assertThat(exports(PasskeyStoreContract.class)).containsExactly("io.github.passkey4j.store.tck");
        assertThat(JdbcPasskeyStore.class.getModule().getDescriptor().isAutomatic()).isFalse();
    }
}
