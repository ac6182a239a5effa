package io.github.passkey4j.spring.boot.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a missing or unusable {@code passkey4j.*} property at startup, naming it. */
public final class PasskeyPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<PasskeyPropertiesException> {

    /** Created by Spring Boot's failure analysis. */
    public PasskeyPropertiesFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PasskeyPropertiesException cause) {
        String description = "passkey4j cannot start: " + cause.getMessage();
        String action = "Set the property '" + cause.property() + "' (application.properties, application.yaml or "
                + "the environment). A minimal configuration is:\n"
                + "\tpasskey4j.rp.id=example.com\n"
                + "\tpasskey4j.rp.name=Example\n"
                + "\tpasskey4j.rp.origins=https://example.com\n"
                + "For a local run: passkey4j.rp.id=localhost and passkey4j.rp.origins=http://localhost:8080.";
        return new FailureAnalysis(description, action, cause);
    }
}
