package io.github.passkey4j.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

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
            .build();

    private Json() {
    }
}
