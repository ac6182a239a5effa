package io.github.passkey4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every public response (and the error body) written by Jackson 2 (a host's plain mapper and the
 * library's own), and by Jackson 3 ({@code tools.jackson}, Spring Boot 4's default, which sorts
 * properties alphabetically and ignores databind 2's annotations): byte for byte the same, and the
 * seed's shapes.
 */
class ResponseJsonTest {

    private static final Instant SEED_TIME = Instant.parse("2024-05-24T10:54:19.585Z");
    /** An instant with nanoseconds: the JSON keeps exactly three fraction digits, cut, not rounded. */
    private static final Instant FINE_TIME = Instant.parse("2024-05-24T10:54:19.585999999Z");
    private static final String OWNER = "69629023906488334";

    /** The seed's "Add passkey" example (add-passkey-api.txt), its {@code publicKey} value as given. */
    private static final String SEED_PUBLIC_KEY = "eyJwdWJsaWNLZXkiOnsiY2hhbGxlbmdlIoplfZm4vM21qSzBPdjltN2x6VWhnclYyejFJSlVzZnpLd0Z1TytWTWtzRW1Icz0iLCJycCI6eyJuYW1lIjoiWklUQURFTCIsImlkIjoiYWNtZS1nem9lNHgueml0YWRlbC5jbG91ZCJ9LCJ1c2VyIjp7Im5hbWUiOiJ0ZXN0dXNlcjU1QGFjbWUueml0YWRlbC5jbG91ZCIsImRpc3BsYXlOYW1lIjoiVGVzdCBUZXN0IiwiaWQiOiJNVGd5TVRVMk1qWTBNakk1TXpBMk5qSTEifSwicHViS2V5Q3JlZFBhcmFtcyI6W3sidHlwZSI6InB1YmxpYy1rZXkiLCJhbGciOi03fSx7InR5cGUiOiJwdWJsaWMta2V5IiwiYWxnIjotMzV9LHsidHlwZSI6InB1YmxpYy1rZXkiLCJhbGciOi0zNn0seyJ0eXBlIjoicHVibGljLWtleSIsImFsZyI6LTI1N30seyJ0eXBlIjoicHVibGljLWtleSIsImFsZyI6LTI1OH0seyJ0eXBlIjoicHVibGljLWtleSIsImFsZyI6LTI1OX0seyJ0eXBlIjoicHVibGljLWtleSIsImFsZyI6LTM3fSx7InR5cGUiOiJwdWJsaWMta2V5IiwiYWxnIjotMzh9LHsidHlwZSI6InB1YmxpYy1rZXkiLCJhbGciOi0zOX0seyJ0eXBlIjoicHVibGljLWtleSIsImFsZyI6LTh9XSwiYXV0aGVudGljYXRvclNlbGVjdGlvbiI6eyJ1c2VyVmVyaWZpY2F0aW9uIjoiZGlzY291cmFnZWQifn2ilGltZW91dCI6NjAwMDAsImF0dGVzdGF0aW9uIjoibm9uZSJ9fQ==";
    private static final String SEED_ADD_PASSKEY = """
            {
            "key": {
            "publicKey": "%s"
            },
            "details": {
            "sequence": "2",
            "creationDate": "2024-05-24T10:54:19.585Z",
            "changeDate": "2024-05-24T10:54:19.585Z",
            "resourceOwner": "69629023906488334"
            }
            }""".formatted(SEED_PUBLIC_KEY);
    /** The seed's error example: {@code code}, {@code message}, {@code details[]} with {@code @type}. */
    private static final String SEED_ERROR = """
            {"code": 0, "message": "string", "details": [{"@type": "string"}]}""";

    private static final ObjectMapper JACKSON2_PLAIN = new ObjectMapper();
    private static final tools.jackson.databind.json.JsonMapper JACKSON3 = tools.jackson.databind.json.JsonMapper.builder().build();

    private static Details created() {
        return new Details(2, SEED_TIME, SEED_TIME, OWNER);
    }

    private static PasskeyInfo used() {
        return new PasskeyInfo("163840776835432705", PasskeyInfo.STATE_READY, "Laptop \"work\" ✓", SEED_TIME, FINE_TIME,
                "fbfc3007-154e-4ecc-8c0b-6e020557d7bd", "iCloud Keychain", true, true, List.of("internal", "hybrid"),
                "example.com");
    }

    private static PasskeyInfo unused() {
        return new PasskeyInfo("163840776835432706", PasskeyInfo.STATE_READY, "Key", FINE_TIME, null,
                "00000000-0000-0000-0000-000000000000", null, false, false, List.of(), "example.com");
    }

    static Stream<Arguments> responses() {
        Details details = created();
        Details changed = new Details(Long.MAX_VALUE, null, FINE_TIME, OWNER);
        AddPasskeyResponse added = AddPasskeyResponse.of("163840776835432705", "{\"publicKey\":{\"challenge\":\"AAAA\"}}", details);
        return Stream.of(
                Arguments.of("Details, created", details,
                        "{\"sequence\":\"2\",\"creationDate\":\"2024-05-24T10:54:19.585Z\","
                                + "\"changeDate\":\"2024-05-24T10:54:19.585Z\",\"resourceOwner\":\"69629023906488334\"}"),
                Arguments.of("Details, changed, 64-bit sequence", changed,
                        "{\"sequence\":\"9223372036854775807\",\"changeDate\":\"2024-05-24T10:54:19.585Z\","
                                + "\"resourceOwner\":\"69629023906488334\"}"),
                Arguments.of("AddPasskeyResponse", added,
                        "{\"key\":{\"id\":\"163840776835432705\",\"publicKey\":\"eyJwdWJsaWNLZXkiOnsiY2hhbGxlbmdlIjoiQUFBQSJ9fQ==\"},"
                                + "\"details\":{\"sequence\":\"2\",\"creationDate\":\"2024-05-24T10:54:19.585Z\","
                                + "\"changeDate\":\"2024-05-24T10:54:19.585Z\",\"resourceOwner\":\"69629023906488334\"}}"),
                Arguments.of("RegisterPasskeyResponse", added.toV2(),
                        "{\"details\":{\"sequence\":\"2\",\"creationDate\":\"2024-05-24T10:54:19.585Z\","
                                + "\"changeDate\":\"2024-05-24T10:54:19.585Z\",\"resourceOwner\":\"69629023906488334\"},"
                                + "\"passkeyId\":\"163840776835432705\","
                                + "\"publicKeyCredentialCreationOptions\":{\"publicKey\":{\"challenge\":\"AAAA\"}}}"),
                Arguments.of("ListPasskeysResponse v1", ListPasskeysResponse.v1(List.of(used(), unused())),
                        "{\"result\":[" + usedJson() + "," + unusedJson() + "]}"),
                Arguments.of("ListPasskeysResponse v1, empty", ListPasskeysResponse.v1(List.of()), "{\"result\":[]}"),
                Arguments.of("ListPasskeysResponse v2", ListPasskeysResponse.v2(List.of(used()), FINE_TIME),
                        "{\"details\":{\"totalResult\":\"1\",\"timestamp\":\"2024-05-24T10:54:19.585Z\"},"
                                + "\"result\":[" + usedJson() + "]}"),
                Arguments.of("PasskeyInfo, never used", unused(), unusedJson()),
                Arguments.of("SignInChallenge", new SignInChallenge("163840776835432707",
                                "{\"publicKey\":{\"challenge\":\"BBBB\",\"allowCredentials\":[]}}", SEED_TIME),
                        "{\"ceremonyId\":\"163840776835432707\","
                                + "\"publicKeyCredentialRequestOptions\":{\"publicKey\":{\"challenge\":\"BBBB\",\"allowCredentials\":[]}}}"),
                Arguments.of("RegistrationLink", new RegistrationLink(details,
                                "https://login.example.com/register?userID=1&orgID=2&codeID=3&code=ABCD", Duration.ofHours(1), "3"),
                        "{\"details\":{\"sequence\":\"2\",\"creationDate\":\"2024-05-24T10:54:19.585Z\","
                                + "\"changeDate\":\"2024-05-24T10:54:19.585Z\",\"resourceOwner\":\"69629023906488334\"},"
                                + "\"link\":\"https://login.example.com/register?userID=1&orgID=2&codeID=3&code=ABCD\","
                                + "\"expiration\":\"3600s\"}"),
                Arguments.of("CreatedRegistrationCode", new CreatedRegistrationCode("3", "ABCDEFGHJKMNPQRS",
                                SEED_TIME.plusSeconds(3600), Duration.ofHours(1), details),
                        "{\"details\":{\"sequence\":\"2\",\"creationDate\":\"2024-05-24T10:54:19.585Z\","
                                + "\"changeDate\":\"2024-05-24T10:54:19.585Z\",\"resourceOwner\":\"69629023906488334\"},"
                                + "\"code\":{\"id\":\"3\",\"code\":\"ABCDEFGHJKMNPQRS\"}}"),
                Arguments.of("ErrorBody", new PasskeyException(ErrorReason.JSON_MALFORMED).toErrorBody(),
                        "{\"code\":3,\"message\":\"the credential is not valid JSON\",\"details\":[{\"@type\":"
                                + "\"type.googleapis.com/zitadel.v1.ErrorDetail\",\"id\":\"PASSKEY-JSON-MALFORMED\","
                                + "\"message\":\"the credential is not valid JSON\"}]}"),
                Arguments.of("ErrorBody.of", ErrorBody.of(PasskeyException.Code.NOT_FOUND, "DEMO-NOT-FOUND", "no such path"),
                        "{\"code\":5,\"message\":\"no such path\",\"details\":[{\"@type\":"
                                + "\"type.googleapis.com/zitadel.v1.ErrorDetail\",\"id\":\"DEMO-NOT-FOUND\","
                                + "\"message\":\"no such path\"}]}"));
    }

    private static String usedJson() {
        return "{\"id\":\"163840776835432705\",\"state\":\"AUTH_FACTOR_STATE_READY\",\"name\":\"Laptop \\\"work\\\" ✓\","
                + "\"creationDate\":\"2024-05-24T10:54:19.585Z\",\"lastUsedDate\":\"2024-05-24T10:54:19.585Z\","
                + "\"aaguid\":\"fbfc3007-154e-4ecc-8c0b-6e020557d7bd\",\"providerName\":\"iCloud Keychain\","
                + "\"backupEligible\":true,\"backedUp\":true,\"transports\":[\"internal\",\"hybrid\"],\"rpId\":\"example.com\"}";
    }

    private static String unusedJson() {
        return "{\"id\":\"163840776835432706\",\"state\":\"AUTH_FACTOR_STATE_READY\",\"name\":\"Key\","
                + "\"creationDate\":\"2024-05-24T10:54:19.585Z\",\"aaguid\":\"00000000-0000-0000-0000-000000000000\","
                + "\"backupEligible\":false,\"backedUp\":false,\"transports\":[],\"rpId\":\"example.com\"}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void whenAResponseIsWrittenByJackson2OrJackson3ThenTheBytesAreTheSame(String name, Object response, String expected)
            throws Exception {
        String jackson2Plain = JACKSON2_PLAIN.writeValueAsString(response);
        String jackson2Library = Json.MAPPER.writeValueAsString(response);
        String jackson3 = JACKSON3.writeValueAsString(response);

        assertThat(jackson2Plain).isEqualTo(expected);
        assertThat(jackson2Library).isEqualTo(expected);
        assertThat(jackson3).isEqualTo(expected);
    }

    @Test
    void whenJackson3SortsPropertiesThenTheResponsesStillKeepTheirOrder() {
        assertThat(JACKSON3.isEnabled(tools.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY))
                .as("Jackson 3 sorts by default; this test is about that default")
                .isTrue();
        assertThat(JACKSON3.writeValueAsString(created())).startsWith("{\"sequence\":");
    }

    @Test
    void whenTheSeedsAddPasskeyExampleIsRebuiltThenEveryMapperWritesItsShape() throws Exception {
        AddPasskeyResponse seed = new AddPasskeyResponse(new AddPasskeyResponse.Key("163840776835432705", SEED_PUBLIC_KEY),
                created(), "{}");
        JsonNode expected = JACKSON2_PLAIN.readTree(SEED_ADD_PASSKEY);

        for (String written : List.of(JACKSON2_PLAIN.writeValueAsString(seed), Json.MAPPER.writeValueAsString(seed),
                JACKSON3.writeValueAsString(seed))) {
            JsonNode tree = JACKSON2_PLAIN.readTree(written);
            // the seed's example leaves out key.id, which ZITADEL's schema has and the verify call needs
            assertThat(tree.get("key").get("id").asText()).isEqualTo("163840776835432705");
            ((ObjectNode) tree.get("key")).remove("id");
            assertThat(tree).isEqualTo(expected);
            assertThat(fieldNames(tree)).containsExactlyElementsOf(fieldNames(expected));
            assertThat(fieldNames(tree.get("details"))).containsExactlyElementsOf(fieldNames(expected.get("details")));
        }
    }

    @Test
    void whenTheErrorBodyIsWrittenThenItHasTheSeedsFieldsInTheSeedsOrder() throws Exception {
        JsonNode seed = JACKSON2_PLAIN.readTree(SEED_ERROR);
        ErrorBody body = new PasskeyException(ErrorReason.JSON_MALFORMED).toErrorBody();

        for (String written : List.of(JACKSON2_PLAIN.writeValueAsString(body), JACKSON3.writeValueAsString(body))) {
            JsonNode tree = JACKSON2_PLAIN.readTree(written);
            assertThat(fieldNames(tree)).containsExactlyElementsOf(fieldNames(seed));
            assertThat(tree.get("code").isInt()).isTrue();
            assertThat(fieldNames(tree.get("details").get(0))).startsWith("@type");
        }
    }

    @Test
    void whenAHostMapsTheResponseToATreeThenJackson2AndJackson3AgreeOnTheValues() throws Exception {
        Map<?, ?> two = JACKSON2_PLAIN.convertValue(ListPasskeysResponse.v2(List.of(used(), unused()), SEED_TIME), Map.class);
        Map<?, ?> three = JACKSON3.convertValue(ListPasskeysResponse.v2(List.of(used(), unused()), SEED_TIME), Map.class);

        assertThat(three).isEqualTo(two);
        assertThat(((Map<?, ?>) two.get("details")).get("totalResult")).isEqualTo("2");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
