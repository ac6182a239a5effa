package io.github.passkey4j.spring.boot;

import io.github.passkey4j.AttestationConveyance;
import io.github.passkey4j.SignCountPolicy;
import io.github.passkey4j.UserVerification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code passkey4j.*} properties. Only the three {@code passkey4j.rp.*} ones are required; every
 * other one left unset keeps the library's default (see {@code Passkeys.Builder}). The names of the
 * relying party are those of {@code RelyingPartyConfig.fromProperties}, so a configuration moves
 * between a plain host and a Spring Boot one unchanged.
 */
@ConfigurationProperties(prefix = "passkey4j")
public class PasskeyProperties {

    private final Rp rp = new Rp();
    private final Store store = new Store();
    private final Endpoints endpoints = new Endpoints();
    private final Web web = new Web();
    private final Security security = new Security();
    /** Whether the configured user verification is required, preferred or discouraged (default required). */
    private UserVerification userVerification;
    /** What the browser is asked to convey about the authenticator (default none). */
    private AttestationConveyance attestation;
    /** How long the browser may take for a ceremony (default 60s; 10s to 1h). */
    private Duration timeout;
    /** How much longer than the timeout an answer is still accepted, for slow networks (default 30s; 0 to 5m). */
    private Duration grace;
    /** How long a registration code lives (default 1h; 1m to 30d). */
    private Duration registrationCodeLifetime;
    /** What to do when a passkey's signature counter does not go up (default reject). */
    private SignCountPolicy signCountPolicy;
    /** The most passkeys one user may hold (default 64). */
    private Integer maxPasskeysPerUser;
    /** The most ceremonies one user may have open at once; the oldest expires first (default 16). */
    private Integer maxOpenCeremoniesPerUser;
    /**
     * This node's id (0 to 1023) for time-ordered ids, unique among the nodes sharing one database.
     * Unset: random 63-bit ids, which need no coordination.
     */
    private Integer nodeId;

    /** @return the relying party */
    public Rp getRp() {
        return rp;
    }

    /** @return the store's settings */
    public Store getStore() {
        return store;
    }

    /** @return the passkey endpoints document's URLs */
    public Endpoints getEndpoints() {
        return endpoints;
    }

    /** @return {@code passkey4j.web.*}: the passkey routes of a Spring MVC application */
    public Web getWeb() {
        return web;
    }

    /** @return {@code passkey4j.security.*}: passkey sign-in in Spring Security */
    public Security getSecurity() {
        return security;
    }

    /** @return the user verification floor, or null for the library's default */
    public UserVerification getUserVerification() {
        return userVerification;
    }

    /** @param userVerification the user verification floor */
    public void setUserVerification(UserVerification userVerification) {
        this.userVerification = userVerification;
    }

    /** @return the attestation conveyance, or null for the library's default */
    public AttestationConveyance getAttestation() {
        return attestation;
    }

    /** @param attestation the attestation conveyance */
    public void setAttestation(AttestationConveyance attestation) {
        this.attestation = attestation;
    }

    /** @return the ceremony timeout, or null for the library's default */
    public Duration getTimeout() {
        return timeout;
    }

    /** @param timeout the ceremony timeout */
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** @return the grace after the ceremony timeout, or null for the library's default */
    public Duration getGrace() {
        return grace;
    }

    /** @param grace the grace after the ceremony timeout */
    public void setGrace(Duration grace) {
        this.grace = grace;
    }

    /** @return the registration code lifetime, or null for the library's default */
    public Duration getRegistrationCodeLifetime() {
        return registrationCodeLifetime;
    }

    /** @param registrationCodeLifetime the registration code lifetime */
    public void setRegistrationCodeLifetime(Duration registrationCodeLifetime) {
        this.registrationCodeLifetime = registrationCodeLifetime;
    }

    /** @return the sign count policy, or null for the library's default */
    public SignCountPolicy getSignCountPolicy() {
        return signCountPolicy;
    }

    /** @param signCountPolicy the sign count policy */
    public void setSignCountPolicy(SignCountPolicy signCountPolicy) {
        this.signCountPolicy = signCountPolicy;
    }

    /** @return the per-user passkey cap, or null for the library's default */
    public Integer getMaxPasskeysPerUser() {
        return maxPasskeysPerUser;
    }

    /** @param maxPasskeysPerUser the per-user passkey cap */
    public void setMaxPasskeysPerUser(Integer maxPasskeysPerUser) {
        this.maxPasskeysPerUser = maxPasskeysPerUser;
    }

    /** @return the per-user open ceremony cap, or null for the library's default */
    public Integer getMaxOpenCeremoniesPerUser() {
        return maxOpenCeremoniesPerUser;
    }

    /** @param maxOpenCeremoniesPerUser the per-user open ceremony cap */
    public void setMaxOpenCeremoniesPerUser(Integer maxOpenCeremoniesPerUser) {
        this.maxOpenCeremoniesPerUser = maxOpenCeremoniesPerUser;
    }

    /** @return the node id for time-ordered ids, or null for random ids */
    public Integer getNodeId() {
        return nodeId;
    }

    /** @param nodeId the node id for time-ordered ids */
    public void setNodeId(Integer nodeId) {
        this.nodeId = nodeId;
    }

    /** The relying party: {@code passkey4j.rp.*}. */
    public static class Rp {
        /** The RP id passkeys are scoped to, a registrable domain such as example.com, or localhost. Required. */
        private String id;
        /** The name authenticators show. Required. */
        private String name;
        /** The exact origins whose ceremonies are accepted, e.g. https://example.com. Required. */
        private List<String> origins = new ArrayList<>();
        /** Further origins on other domains accepted for this RP id (WebAuthn Related Origin Requests). */
        private List<String> relatedOrigins = new ArrayList<>();

        /** @return the RP id */
        public String getId() {
            return id;
        }

        /** @param id the RP id */
        public void setId(String id) {
            this.id = id;
        }

        /** @return the name authenticators show */
        public String getName() {
            return name;
        }

        /** @param name the name authenticators show */
        public void setName(String name) {
            this.name = name;
        }

        /** @return the allowed origins */
        public List<String> getOrigins() {
            return origins;
        }

        /** @param origins the allowed origins */
        public void setOrigins(List<String> origins) {
            this.origins = origins;
        }

        /** @return the related origins */
        public List<String> getRelatedOrigins() {
            return relatedOrigins;
        }

        /** @param relatedOrigins the related origins */
        public void setRelatedOrigins(List<String> relatedOrigins) {
            this.relatedOrigins = relatedOrigins;
        }
    }

    /** Passkey sign-in in Spring Security: {@code passkey4j.security.*}. */
    public static class Security {
        /**
         * Whether every Spring Security filter chain built from the HttpSecurity bean gets passkey sign-in
         * (POST /passkeys/sign-in/options and POST /passkeys/sign-in).
         */
        private boolean enabled = true;

        /** @return whether passkey sign-in is added to every filter chain */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether passkey sign-in is added to every filter chain */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The passkey routes of a Spring MVC application: {@code passkey4j.web.*}. */
    public static class Web {
        /** Whether a Spring MVC application serves the passkey routes (and /passkey4j.js); needs a PasskeyUsers bean. */
        private boolean enabled = true;
        /** The prefix of the passkey routes, e.g. /api; empty: the paths of ZITADEL's APIs as they are. */
        private String basePath = "";
        /** The registration link of v1 _link, with {{.UserID}}, {{.OrgID}}, {{.CodeID}} and {{.Code}}; without one, _link is refused. */
        private String linkTemplate;
        /**
         * How long a request body of the passkey routes may take to arrive in all, counted from its first
         * read: a body still arriving then is answered 408. Each read is bounded by the server's own read
         * timeout (Tomcat's server.tomcat.connection-timeout).
         */
        private Duration bodyTimeout = Duration.ofSeconds(10);
        private final RateLimit rateLimit = new RateLimit();

        /** @return {@code passkey4j.web.rate-limit.*}: the default rate limit of the calls with a registration code */
        public RateLimit getRateLimit() {
            return rateLimit;
        }

        /** @return whether the routes are served */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the routes are served */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the routes' prefix */
        public String getBasePath() {
            return basePath;
        }

        /** @param basePath the routes' prefix */
        public void setBasePath(String basePath) {
            this.basePath = basePath;
        }

        /** @return the v1 registration link template, or null */
        public String getLinkTemplate() {
            return linkTemplate;
        }

        /** @param linkTemplate the v1 registration link template */
        public void setLinkTemplate(String linkTemplate) {
            this.linkTemplate = linkTemplate;
        }

        /** @return how long a request body may take to arrive in all */
        public Duration getBodyTimeout() {
            return bodyTimeout;
        }

        /** @param bodyTimeout how long a request body may take to arrive in all */
        public void setBodyTimeout(Duration bodyTimeout) {
            this.bodyTimeout = bodyTimeout;
        }
    }

    /**
     * {@code passkey4j.web.rate-limit.*}: the default {@link PasskeyRateLimiter} of the passkey calls
     * without credentials (registration codes), per client address and per user; a host's own
     * {@code PasskeyRateLimiter} bean replaces it.
     */
    public static class RateLimit {
        /** Whether the calls with a registration code are rate limited. */
        private boolean enabled = true;
        /** Calls per client address and period. */
        private int requestsPerAddress = 300;
        /** Failed attempts per client address and period. */
        private int failuresPerAddress = 100;
        /** Failed attempts per user and period. */
        private int failuresPerName = 10;
        /** The period of the three counts. */
        private Duration period = Duration.ofMinutes(1);
        /** How many addresses (and users) each count remembers, the least recently seen forgotten first. */
        private int maxKeys = 20_000;

        /** @return whether the calls are rate limited */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the calls are rate limited */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return calls per client address and period */
        public int getRequestsPerAddress() {
            return requestsPerAddress;
        }

        /** @param requestsPerAddress calls per client address and period */
        public void setRequestsPerAddress(int requestsPerAddress) {
            this.requestsPerAddress = requestsPerAddress;
        }

        /** @return failed attempts per client address and period */
        public int getFailuresPerAddress() {
            return failuresPerAddress;
        }

        /** @param failuresPerAddress failed attempts per client address and period */
        public void setFailuresPerAddress(int failuresPerAddress) {
            this.failuresPerAddress = failuresPerAddress;
        }

        /** @return failed attempts per user and period */
        public int getFailuresPerName() {
            return failuresPerName;
        }

        /** @param failuresPerName failed attempts per user and period */
        public void setFailuresPerName(int failuresPerName) {
            this.failuresPerName = failuresPerName;
        }

        /** @return the period */
        public Duration getPeriod() {
            return period;
        }

        /** @param period the period */
        public void setPeriod(Duration period) {
            this.period = period;
        }

        /** @return how many addresses and users each count remembers */
        public int getMaxKeys() {
            return maxKeys;
        }

        /** @param maxKeys how many addresses and users each count remembers */
        public void setMaxKeys(int maxKeys) {
            this.maxKeys = maxKeys;
        }

        /**
         * @return these limits, for {@link io.github.passkey4j.web.RateLimits} (a host sharing them with
         *     its own routes builds its limiter from them)
         * @throws IllegalArgumentException when one is not positive
         */
        public io.github.passkey4j.web.RateLimits.Config config() {
            return new io.github.passkey4j.web.RateLimits.Config(requestsPerAddress, failuresPerAddress, failuresPerName,
                    period, maxKeys);
        }
    }

    /** {@code passkey4j.endpoints.*}: the {@code /.well-known/passkey-endpoints} document. */
    public static class Endpoints {
        /** The absolute URL of the page where a signed-in user adds a passkey. */
        private String enroll;
        /** The absolute URL of the page where a signed-in user manages passkeys. */
        private String manage;

        /** @return the enroll URL, or null */
        public String getEnroll() {
            return enroll;
        }

        /** @param enroll the enroll URL */
        public void setEnroll(String enroll) {
            this.enroll = enroll;
        }

        /** @return the manage URL, or null */
        public String getManage() {
            return manage;
        }

        /** @param manage the manage URL */
        public void setManage(String manage) {
            this.manage = manage;
        }
    }

    /** The store: {@code passkey4j.store.*}. */
    public static class Store {
        /**
         * Whether to create the tables with JdbcPasskeyStore.createSchema() at startup when Flyway is
         * absent (with Flyway present the shipped migrations run instead, see migrate).
         */
        private boolean initializeSchema;
        /** Whether to run the shipped Flyway migrations at startup when Flyway is present. */
        private boolean migrate = true;
        /** The prefix of the JDBC store's table and index names. */
        private String tablePrefix = "passkey4j_";
        /** The pause between two purges of expired ceremonies and codes. */
        private Duration purgeInterval = Duration.ofMinutes(5);

        /** @return whether createSchema() runs at startup when Flyway is absent */
        public boolean isInitializeSchema() {
            return initializeSchema;
        }

        /** @param initializeSchema whether createSchema() runs at startup when Flyway is absent */
        public void setInitializeSchema(boolean initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        /** @return whether the shipped Flyway migrations run when Flyway is present */
        public boolean isMigrate() {
            return migrate;
        }

        /** @param migrate whether the shipped Flyway migrations run when Flyway is present */
        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }

        /** @return the table prefix */
        public String getTablePrefix() {
            return tablePrefix;
        }

        /** @param tablePrefix the table prefix */
        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        /** @return the purge interval */
        public Duration getPurgeInterval() {
            return purgeInterval;
        }

        /** @param purgeInterval the purge interval */
        public void setPurgeInterval(Duration purgeInterval) {
            this.purgeInterval = purgeInterval;
        }
    }
}
