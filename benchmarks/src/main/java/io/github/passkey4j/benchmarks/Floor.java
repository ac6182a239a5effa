package io.github.passkey4j.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.yubico.internal.util.JacksonCodecs;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.PublicKeyCredentialRequestOptions;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import io.github.passkey4j.internal.Algorithms;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Yubico's engine alone, as a host would drive it without this library: one {@link RelyingParty}
 * configured like the library's (same RP, origins, algorithms, user verification, resident key,
 * timeout), a trivial in-memory {@link CredentialRepository}, requests kept in memory between begin
 * and finish, and prepared browser answers (the same {@link Authenticator} as the library's
 * benchmarks). {@link #json} is Yubico's own mapper configuration, built once.
 */
@State(Scope.Benchmark)
public class Floor {

    /** The mapper {@code JacksonCodecs.json()} builds on every call, built once. */
    public static final ObjectMapper JSON = JacksonCodecs.json();
    /** The registration credential's type. */
    public static final JavaType REGISTRATION = JSON.getTypeFactory().constructType(
            new TypeReference<PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>>() {
            });
    /** The assertion's type. */
    public static final JavaType ASSERTION = JSON.getTypeFactory().constructType(
            new TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs>>() {
            });

    /** The cached mapper. */
    public ObjectMapper json = JSON;
    /** The engine. */
    public RelyingParty rp;
    /** A user with one credential. */
    public UserIdentity user;
    /** "Add passkey" for {@link #user}. */
    public StartRegistrationOptions startRegistration;
    /** Sign-in for {@link #user}. */
    public StartAssertionOptions startAssertion;
    /** A creation request with {@link Authenticator#CHALLENGE}, kept in memory. */
    public PublicKeyCredentialCreationOptions creation;
    /** An assertion request with {@link Authenticator#CHALLENGE}, kept in memory. */
    public AssertionRequest assertionRequest;
    /** A "none" answer to {@link #creation}. */
    public String noneJson;
    /** A "packed" answer to {@link #creation}. */
    public String packedJson;
    /** {@link #user}'s answer to {@link #assertionRequest}. */
    public String assertionJson;
    /** The credential's public key, decoded as the engine decodes it. */
    public PublicKey publicKey;
    /** What an assertion signs. */
    public byte[] signedData;
    /** The signature over {@link #signedData}. */
    public byte[] signature;

    /**
     * Begun registrations' requests, kept until their finish as a server using the engine directly must keep
     * them (Yubico: "store it in the server's session or a cache"); dropped after each iteration, as the
     * library's benchmarks drop the ceremonies left over.
     */
    public final Map<String, PublicKeyCredentialCreationOptions> keptRequests = new ConcurrentHashMap<>();
    /** Ids for {@link #keptRequests}. */
    public final AtomicLong keptIds = new AtomicLong();

    /** Drops the requests kept by an iteration. */
    @TearDown(Level.Iteration)
    public void dropKept() {
        keptRequests.clear();
    }

    /** Builds the engine and the inputs. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Authenticator authenticator = new Authenticator();
        byte[] credentialId = Authenticator.credentialId(1, 1);
        ByteArray userHandle = new ByteArray("300000000000000001".getBytes(StandardCharsets.UTF_8));
        user = UserIdentity.builder().name("user300000000000000001@acme.test").displayName("User 300000000000000001")
                .id(userHandle).build();
        RegisteredCredential credential = RegisteredCredential.builder()
                .credentialId(new ByteArray(credentialId))
                .userHandle(userHandle)
                .publicKeyCose(new ByteArray(authenticator.cose()))
                .signatureCount(0)
                .build();
        rp = RelyingParty.builder()
                .identity(RelyingPartyIdentity.builder().id(Authenticator.RP_ID).name("Example").build())
                .credentialRepository(new TrivialRepository(user, credential))
                .origins(Set.of(Authenticator.ORIGIN))
                .preferredPubkeyParams(Algorithms.parameters(Algorithms.DEFAULT_PREFERENCE))
                .allowOriginPort(false)
                .allowOriginSubdomain(false)
                .allowUntrustedAttestation(true)
                .validateSignatureCounter(false)
                .build();
        AuthenticatorSelectionCriteria selection = AuthenticatorSelectionCriteria.builder()
                .residentKey(ResidentKeyRequirement.REQUIRED)
                .userVerification(UserVerificationRequirement.REQUIRED)
                .build();
        startRegistration = StartRegistrationOptions.builder().user(user).authenticatorSelection(selection)
                .timeout(60_000).build();
        startAssertion = StartAssertionOptions.builder().username(user.getName())
                .userVerification(UserVerificationRequirement.REQUIRED).timeout(60_000).build();
        creation = rp.startRegistration(startRegistration).toBuilder()
                .challenge(new ByteArray(Authenticator.CHALLENGE)).build();
        assertionRequest = AssertionRequest.builder()
                .publicKeyCredentialRequestOptions(PublicKeyCredentialRequestOptions.builder()
                        .challenge(new ByteArray(Authenticator.CHALLENGE))
                        .timeout(60_000L)
                        .rpId(Authenticator.RP_ID)
                        .allowCredentials(List.of(PublicKeyCredentialDescriptor.builder()
                                .id(new ByteArray(credentialId))
                                .transports(Set.of(AuthenticatorTransport.HYBRID, AuthenticatorTransport.INTERNAL))
                                .build()))
                        .userVerification(UserVerificationRequirement.REQUIRED)
                        .build())
                .userHandle(userHandle)
                .build();
        noneJson = authenticator.registration(Authenticator.credentialId(1, 2), false);
        packedJson = authenticator.registration(Authenticator.credentialId(1, 3), true);
        assertionJson = authenticator.assertion(credentialId, userHandle.getBytes());

        publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(authenticator.keys().getPublic().getEncoded()));
        signedData = new byte[37 + 32];
        java.util.Arrays.fill(signedData, (byte) 7);
        signature = authenticator.sign(signedData);
    }

    /** Answers from two maps filled once; read-only afterwards, so safe for any number of threads. */
    static final class TrivialRepository implements CredentialRepository {
        private final Map<String, UserIdentity> usersByName = new HashMap<>();
        private final Map<ByteArray, String> namesByHandle = new HashMap<>();
        private final Map<ByteArray, RegisteredCredential> credentials = new HashMap<>();

        TrivialRepository(UserIdentity user, RegisteredCredential credential) {
            usersByName.put(user.getName(), user);
            namesByHandle.put(user.getId(), user.getName());
            credentials.put(credential.getCredentialId(), credential);
        }

        @Override
        public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
            UserIdentity u = usersByName.get(username);
            if (u == null) {
                return Set.of();
            }
            java.util.HashSet<PublicKeyCredentialDescriptor> result = new java.util.HashSet<>();
            for (RegisteredCredential c : credentials.values()) {
                if (c.getUserHandle().equals(u.getId())) {
                    result.add(PublicKeyCredentialDescriptor.builder().id(c.getCredentialId())
                            .transports(Set.of(AuthenticatorTransport.HYBRID, AuthenticatorTransport.INTERNAL)).build());
                }
            }
            return result;
        }

        @Override
        public Optional<ByteArray> getUserHandleForUsername(String username) {
            return Optional.ofNullable(usersByName.get(username)).map(UserIdentity::getId);
        }

        @Override
        public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
            return Optional.ofNullable(namesByHandle.get(userHandle));
        }

        @Override
        public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
            return Optional.ofNullable(credentials.get(credentialId)).filter(c -> c.getUserHandle().equals(userHandle));
        }

        @Override
        public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
            RegisteredCredential c = credentials.get(credentialId);
            return c == null ? Set.of() : Set.of(c);
        }
    }
}
