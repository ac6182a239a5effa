package io.github.passkey4j.spring.boot.internal;

/**
 * A {@code passkey4j.*} property that is missing or can never work; the failure analyzer turns it
 * into a startup report naming the property.
 */
public final class PasskeyPropertiesException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The property to set or correct. */
    private final String property;

    /**
     * @param property the property to set or correct, e.g. {@code passkey4j.rp.origins}
     * @param reason what is wrong with it
     */
    public PasskeyPropertiesException(String property, String reason) {
        super(property + ": " + reason);
        this.property = property;
    }

    /** @return the property to set or correct */
    public String property() {
        return property;
    }
}
