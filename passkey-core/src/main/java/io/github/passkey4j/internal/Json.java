package io.github.passkey4j.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.AuthenticatorAttachment;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.COSEAlgorithmIdentifier;
import com.yubico.webauthn.data.PublicKeyCredentialType;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserVerificationRequirement;
import java.io.IOException;
import java.util.function.Function;

/**
 * The library's one {@link ObjectMapper}, configured once exactly like Yubico's
 * {@code JacksonCodecs.json()} so that its output is byte-identical, and shared by every call.
 * Yubico's own helpers ({@code toCredentialsCreateJson}, {@code parseRegistrationResponseJson},
 * {@code toJson}/{@code fromJson}) build a new mapper on every call, which costs about a
 * millisecond each; the library never calls them.
 */
public final class Json {

    /** The shared mapper. Thread-safe; never reconfigure it. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
            .defaultBase64Variant(Base64Variants.MODIFIED_FOR_URL)
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .addModule(leaves())
            .build();

    /**
     * Direct serializers for the engine's value types, which Jackson otherwise writes through their
     * {@code @JsonValue} member by reflection (a reflective field read or method call per value: a third
     * of writing creation options went to the algorithm identifiers and credential ids). Each writes
     * exactly what its {@code @JsonValue} gives, so the output stays byte-identical to the engine's
     * mapper ({@code JsonTest} compares them).
     */
    private static SimpleModule leaves() {
        SimpleModule m = new SimpleModule("passkey4j-engine-values");
        m.addSerializer(ByteArray.class, string(ByteArray.class, ByteArray::getBase64Url));
        m.addSerializer(PublicKeyCredentialType.class, string(PublicKeyCredentialType.class, PublicKeyCredentialType::getId));
        m.addSerializer(AuthenticatorTransport.class, string(AuthenticatorTransport.class, AuthenticatorTransport::getId));
        m.addSerializer(UserVerificationRequirement.class, string(UserVerificationRequirement.class, UserVerificationRequirement::getValue));
        m.addSerializer(ResidentKeyRequirement.class, string(ResidentKeyRequirement.class, ResidentKeyRequirement::getValue));
        m.addSerializer(AttestationConveyancePreference.class, string(AttestationConveyancePreference.class, AttestationConveyancePreference::getValue));
        m.addSerializer(AuthenticatorAttachment.class, string(AuthenticatorAttachment.class, AuthenticatorAttachment::getValue));
        m.addSerializer(COSEAlgorithmIdentifier.class, new StdSerializer<>(COSEAlgorithmIdentifier.class) {
            @Override
            public void serialize(COSEAlgorithmIdentifier value, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                gen.writeNumber(value.getId());
            }
        });
        return m;
    }

    private static <T> StdSerializer<T> string(Class<T> type, Function<T, String> value) {
        return new StdSerializer<>(type) {
            @Override
            public void serialize(T v, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.apply(v));
            }
        };
    }

    private Json() {
    }
}
