/**
 * Internals of the Spring Boot starter: not an API, may change in any release.
 */
package io.github.passkey4j.spring.boot.internal;
