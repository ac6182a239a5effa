package io.github.passkey4j.internal;

import io.github.passkey4j.CreatedRegistrationCode;
import io.github.passkey4j.Details;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.RegistrationLink;
import io.github.passkey4j.store.Bytes;
import io.github.passkey4j.store.CodeState;
import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.NewEvent;
import io.github.passkey4j.store.RegistrationCode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time registration codes: made from an alphabet without look-alikes, stored only as a hash,
 * burnt after {@value #MAX_ATTEMPTS} wrong tries, used up only when a registration begun with them is
 * verified (so a cancelled browser prompt does not lock the user out, unlike ZITADEL issue 12499).
 * Codes never reach a log.
 */
public final class RegistrationCodes {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationCodes.class);

    /** Wrong tries that burn a code. */
    public static final int MAX_ATTEMPTS = 3;
    /** Characters of a code: digits and capitals without 0, 1, O and I (5 bits each). */
    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    /** Characters per code: 16 x 5 = 80 bits of entropy. */
    static final int LENGTH = 16;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\.([A-Za-z]+)\\s*}}");

    private final Settings settings;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param settings the configuration
     * @param lifetime how long a code lives
     */
    public RegistrationCodes(Settings settings, Duration lifetime) {
        this.settings = settings;
        this.lifetime = lifetime;
    }

    /**
     * @param user the user the code adds a passkey for
     * @return the new code, shown once
     */
    public CreatedRegistrationCode create(PasskeyUser user) {
        Instant now = settings.now();
        String id = newCodeId();
        String code = newCode();
        Instant expiresAt = now.plus(lifetime);
        Event event = settings.store().insertCode(
                new RegistrationCode(id, user.id(), user.resourceOwner(), hash(id, code), now, expiresAt, 0, CodeState.ACTIVE),
                new NewEvent(user.id(), user.resourceOwner(), EventType.CODE_CREATED, id, now));
        LOG.debug("registration code {} created for user {}", id, user.id());
        return new CreatedRegistrationCode(id, code, expiresAt, lifetime, Details.created(event));
    }

    /**
     * @param user the user
     * @param urlTemplate a URL with {@code {{.UserID}}}, {@code {{.OrgID}}}, {@code {{.CodeID}}} and
     *     {@code {{.Code}}}
     * @return a new code in a link
     */
    public RegistrationLink link(PasskeyUser user, String urlTemplate) {
        validateTemplate(urlTemplate);
        CreatedRegistrationCode code = create(user);
        return new RegistrationLink(code.details(), render(urlTemplate, user, code), lifetime, code.codeId());
    }

    /**
     * Checks a code presented to start a registration; a wrong one counts as a failed try.
     *
     * @param userId the user the registration is for
     * @param codeId the code's id
     * @param code the code as the user typed it (case, spaces and dashes do not matter)
     * @throws PasskeyException INVALID_ARGUMENT {@link ErrorReason#CODE_INVALID} when it is unknown,
     *     another user's, expired, burnt, used or wrong
     */
    public void check(String userId, String codeId, String code) {
        Instant now = settings.now();
        RegistrationCode stored = settings.store().findCode(codeId)
                .orElseThrow(() -> new PasskeyException(ErrorReason.CODE_INVALID, "the registration code is not valid"));
        if (stored.state() == CodeState.USED) {
            throw new PasskeyException(ErrorReason.CODE_INVALID, "the registration code was used already");
        }
        if (stored.state() == CodeState.BURNT) {
            throw new PasskeyException(ErrorReason.CODE_INVALID, "the registration code was blocked after too many wrong tries");
        }
        if (!now.isBefore(stored.expiresAt())) {
            throw new PasskeyException(ErrorReason.CODE_INVALID, "the registration code expired");
        }
        boolean right = stored.userId().equals(userId) && stored.codeHash().constantTimeEquals(hash(codeId, normalize(code)));
        if (!right) {
            Optional<RegistrationCode> after = settings.store().recordFailedCodeAttempt(codeId, MAX_ATTEMPTS,
                    new NewEvent(stored.userId(), stored.resourceOwner(), EventType.CODE_FAILED_ATTEMPT, codeId, now),
                    new NewEvent(stored.userId(), stored.resourceOwner(), EventType.CODE_BURNT, codeId, now));
            boolean burnt = after.map(c -> c.state() == CodeState.BURNT).orElse(true);
            LOG.debug("wrong registration code for code id {}{}", codeId, burnt ? "; it is blocked now" : "");
            throw new PasskeyException(ErrorReason.CODE_INVALID, burnt
                    ? "the registration code was blocked after too many wrong tries"
                    : "the registration code is not valid");
        }
    }

    // ------------------------------------------------------------------ parts

    /**
     * A code id is random, not time-ordered like other ids: it travels in the link beside the code, and
     * an id nobody can guess means nobody but the link's holder can spend the code's three tries (burn
     * it) by sending wrong codes against it.
     *
     * @return 63 random bits as a decimal string
     */
    String newCodeId() {
        return Long.toString(random.nextLong() & Long.MAX_VALUE);
    }

    String newCode() {
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(chars);
    }

    static String normalize(String code) {
        StringBuilder b = new StringBuilder(code.length());
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c != ' ' && c != '-') {
                b.append(c);
            }
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    /** SHA-256 of the code id and the code: 80 bits of entropy need no slow hash, and the id binds it. */
    static Bytes hash(String codeId, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(codeId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return Bytes.of(sha.digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param template a link template
     * @throws PasskeyException INVALID_ARGUMENT when it is not an http(s) URL with only known placeholders
     */
    public static void validateTemplate(String template) {
        if (template == null || template.isBlank()) {
            throw new PasskeyException(ErrorReason.ARGUMENT_INVALID, "the link template is required");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder plain = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!name.equals("UserID") && !name.equals("OrgID") && !name.equals("CodeID") && !name.equals("Code")) {
                throw new PasskeyException(ErrorReason.ARGUMENT_INVALID, "the link template has an unknown placeholder {{." + name + "}}");
            }
            m.appendReplacement(plain, "x");
        }
        m.appendTail(plain);
        if (!template.contains(".Code")) {
            throw new PasskeyException(ErrorReason.ARGUMENT_INVALID, "the link template must contain {{.Code}}");
        }
        try {
            URI uri = new URI(plain.toString());
            if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null) {
                throw new PasskeyException(ErrorReason.ARGUMENT_INVALID, "the link template must be an http or https URL");
            }
        } catch (java.net.URISyntaxException e) {
            throw new PasskeyException(ErrorReason.ARGUMENT_INVALID, "the link template is not a URL");
        }
    }

    static String render(String template, PasskeyUser user, CreatedRegistrationCode code) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            switch (m.group(1)) {
                case "UserID":
                    value = user.id();
                    break;
                case "OrgID":
                    value = user.resourceOwner();
                    break;
                case "CodeID":
                    value = code.codeId();
                    break;
                default:
                    value = code.code();
                    break;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
