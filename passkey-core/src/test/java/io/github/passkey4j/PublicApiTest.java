package io.github.passkey4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public API is small and never shows the engine's types or the library's internal ones: those stay in {@code ...internal}. */
class PublicApiTest {

    private static List<Class<?>> publicApiClasses() throws Exception {
        Path root = Path.of(Passkeys.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("io/github/passkey4j"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String rel = root.relativize(f).toString();
                if (rel.endsWith(".class") && !rel.contains("/internal/")) {
                    Class<?> c = Class.forName(rel.replace('/', '.').replace(".class", ""));
                    if (Modifier.isPublic(c.getModifiers())) {
                        classes.add(c);
                    }
                }
            }
        }
        return classes;
    }

    @Test
    void whenThePublicApiIsScannedThenNoEngineTypeAppearsInASignature() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : publicApiClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers())) {
                    check(leaks, c.getName() + "." + m.getName(), m.getGenericReturnType());
                    for (Type p : m.getGenericParameterTypes()) {
                        check(leaks, c.getName() + "." + m.getName(), p);
                    }
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (Modifier.isPublic(k.getModifiers())) {
                    for (Type p : k.getGenericParameterTypes()) {
                        check(leaks, c.getName() + ".<init>", p);
                    }
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    check(leaks, c.getName() + "." + f.getName(), f.getGenericType());
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void whenThePublicApiIsScannedThenItHasTheFacadeAndItsValueTypesOnly() throws Exception {
        // 49: PasskeyListener with its Operation and Outcome (issue 17), Signals with its three payloads,
        // RemovePasskeyResponse, PasskeyEndpoints and Hint (issue 16) took it from 38 to 48;
        // RelyingPartyResolver and ProviderNames.Icons (issue 16: tenants, provider icons) to 50
        assertThat(publicApiClasses()).extracting(Class::getSimpleName).contains("Passkeys", "PasskeyException",
                "AddPasskeyResponse", "Details", "RelyingPartyResolver").hasSizeLessThan(51);
    }

    private static void check(List<String> leaks, String where, Type type) {
        if (type.getTypeName().contains("com.yubico") || type.getTypeName().contains("io.github.passkey4j.internal")) {
            leaks.add(where + ": " + type.getTypeName());
        }
    }
}
