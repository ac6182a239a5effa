package io.github.passkey4j.internal;

import static io.github.passkey4j.testing.TestPasskeys.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.store.Bytes;
import io.github.passkey4j.store.CeremonyKind;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.PendingAndPasskey;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.TestPasskeys;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Requests kept from begin to finish: a hit is the same request, a miss parses the stored JSON. */
class KeptRequestsTest {

    private static PendingCeremony ceremony(String id, String json) {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        return new PendingCeremony(id, CeremonyKind.AUTHENTICATION, Optional.of("u"), Optional.empty(), "example.com",
                Bytes.utf8("challenge-challenge"), json, now, now.plusSeconds(90), Optional.empty());
    }

    @Test
    void whenAnEqualCeremonyIsLookedUpThenTheKeptRequestIsFoundAndAnyDifferenceMisses() {
        KeptRequests<Object> kept = new KeptRequests<>();
        PendingCeremony handed = ceremony("1", "{\"challenge\":\"x\"}");
        Object request = new Object();
        kept.put(handed, request);

        assertThat(kept.get(ceremony("1", new String("{\"challenge\":\"x\"}")))).isSameAs(request);
        assertThat(kept.get(ceremony("1", "{\"challenge\": \"x\"}"))).isNull();
        assertThat(kept.get(ceremony("2", "{\"challenge\":\"x\"}"))).isNull();

        kept.remove(handed);
        assertThat(kept.get(handed)).isNull();
        assertThat(kept.size()).isZero();
    }

    @Test
    void whenExpiredCeremoniesArePurgedThenTheirRequestsAreForgottenAndTheOthersKept() {
        KeptRequests<Object> kept = new KeptRequests<>();
        PendingCeremony early = ceremony("early", "{}");
        Instant later = early.createdAt().plusSeconds(60);
        PendingCeremony late = new PendingCeremony("late", CeremonyKind.AUTHENTICATION, Optional.of("u"), Optional.empty(),
                "example.com", Bytes.utf8("challenge-challenge"), "{}", later, later.plusSeconds(90), Optional.empty());
        kept.put(early, "early request");
        kept.put(late, "late request");

        kept.dropExpired(early.expiresAt().minusMillis(1));
        assertThat(kept.size()).isEqualTo(2);

        kept.dropExpired(early.expiresAt());
        assertThat(kept.get(early)).isNull();
        assertThat(kept.get(late)).isEqualTo("late request");
        assertThat(kept.size()).isEqualTo(1);
    }

    @Test
    void whenNothingElseHoldsTheCeremonyThenItsEntryIsDroppedOnALaterPut() throws Exception {
        KeptRequests<Object> kept = new KeptRequests<>();
        for (int i = 0; i < 1000; i++) {
            kept.put(ceremony("c" + i, "{}"), new Object());
        }
        PendingCeremony held = ceremony("held", "{}");
        for (int attempt = 0; attempt < 50 && kept.size() > 1; attempt++) {
            System.gc();
            Thread.sleep(20);
            kept.put(held, "request");
        }
        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.get(held)).isEqualTo("request");
    }

    /** The ceremony as a database hands it back: a new object, its JSON the same value in other bytes. */
    private static PendingCeremony reread(PendingCeremony c) {
        // never equal to what the library kept
        return new PendingCeremony(c.id(), c.kind(), c.userId(), c.resourceOwner(), c.rpId(), c.challenge(),
                c.requestJson() + " ", c.createdAt(), c.expiresAt(), c.codeId());
    }

    /** A store that hands back ceremonies as a database would: new objects, JSON re-encoded. */
    private static PasskeyStore rereading(PasskeyStore target, AtomicInteger reads) {
        return (PasskeyStore) Proxy.newProxyInstance(PasskeyStore.class.getClassLoader(), new Class<?>[] {PasskeyStore.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("findPending")) {
                        reads.incrementAndGet();
                        return ((Optional<?>) result).map(p -> reread((PendingCeremony) p));
                    }
                    if (method.getName().equals("findPendingAndPasskey")) {
                        // sign-in finish reads its ceremony with the passkey, in one call
                        reads.incrementAndGet();
                        PendingAndPasskey read = (PendingAndPasskey) result;
                        return new PendingAndPasskey(read.pending().map(KeptRequestsTest::reread), read.passkey());
                    }
                    return result;
                });
    }

    @Test
    void whenTheStoreReturnsCeremoniesReadBackThenRegistrationAndSignInParseTheStoredRequests() {
        AtomicInteger reads = new AtomicInteger();
        TestPasskeys t = new TestPasskeys(rereading(new InMemoryPasskeyStore(), reads));
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        PasskeyUser user = newUser();

        t.registerPacked(authenticator, user);
        assertThat(t.signIn(authenticator, user).userId()).isEqualTo(user.id());
        assertThat(reads.get()).isEqualTo(2);
    }
}
