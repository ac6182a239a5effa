package io.github.passkey4j.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\r\n\t "})
    void whenTheBodyIsEmptyOrBlankThenItIsAnEmptyObject(String body) {
        assertThat(RequestBodies.parse(body.getBytes(StandardCharsets.UTF_8)).isEmpty()).isTrue();
    }

    @Test
    void whenTheBodyIsAnObjectThenItIsReadAsIs() {
        assertThat(RequestBodies.parse(" {\"a\": {\"b\": [1, \"2\"]}} ".getBytes(StandardCharsets.UTF_8)).toString())
                .isEqualTo("{\"a\":{\"b\":[1,\"2\"]}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":1} {}", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "nope", "{'a':1}"})
    void whenTheBodyIsNotStrictJsonThenItIs400NotJson(String body) {
        assertThatThrownBy(() -> RequestBodies.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(WebError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body().details().get(0).id()).isEqualTo(WebError.BODY_NOT_JSON);
                    assertThat(e.getMessage()).isEqualTo("the request body is not valid JSON");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{}]", "1", "\"x\"", "null", "true"})
    void whenTheBodyIsJsonButNoObjectThenItIs400NotJson(String body) {
        assertThatThrownBy(() -> RequestBodies.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(WebError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("the request body must be a JSON object");
                });
    }

    @Test
    void whenTheBodyIsAtMostTheLimitThenItIsReadWhole() {
        byte[] body = new byte[RequestBodies.MAX_BYTES];
        body[body.length - 1] = 7;

        assertThat(RequestBodies.read(body.length, () -> new ByteArrayInputStream(body))).isEqualTo(body);
        assertThat(RequestBodies.read(-1, () -> new ByteArrayInputStream(body))).isEqualTo(body);
    }

    @Test
    void whenTheDeclaredLengthIsOverTheLimitThenItIs413AndNothingIsRead() {
        AtomicInteger opened = new AtomicInteger();

        assertThatThrownBy(() -> RequestBodies.read(RequestBodies.MAX_BYTES + 1L, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(new byte[0]);
        })).isInstanceOfSatisfying(WebError.class, e -> {
            assertThat(e.status()).isEqualTo(413);
            assertThat(e.headers()).containsEntry("Connection", "close");
        });
        assertThat(opened).hasValue(0);
    }

    @Test
    void whenAnUndeclaredBodyIsOverTheLimitThenItIs413AfterOneByteMoreIsRead() {
        AtomicInteger read = new AtomicInteger();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 'x';
            }
        };

        assertThatThrownBy(() -> RequestBodies.read(-1, () -> endless))
                .isInstanceOfSatisfying(WebError.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThat(read).hasValue(RequestBodies.MAX_BYTES + 1);
    }

    @Test
    void whenAReadTimesOutThenItIs408AndWhenItBreaksOffThenItIs400() {
        assertThat(failure(new IOException(new TimeoutException("deadline"))).status()).isEqualTo(408);
        assertThat(failure(new SocketTimeoutException("read timed out")).status()).isEqualTo(408);
        WebError timeout = failure(new IOException("wrapped", new IOException(new TimeoutException())));
        assertThat(timeout.body().details().get(0).id()).isEqualTo(WebError.REQUEST_TIMEOUT);
        assertThat(timeout.headers()).containsEntry("Connection", "close");

        WebError broken = failure(new IOException("early EOF"));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body().details().get(0).id()).isEqualTo(WebError.BODY_UNREADABLE);
    }

    @Test
    void whenABodyTricklesPastItsTimeThenItIs408EvenThoughBytesKeepComing() {
        AtomicInteger read = new AtomicInteger();
        InputStream trickle = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                try {
                    Thread.sleep(10); // a byte every 10 ms, for ever: no read ever times out
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                b[off] = 'x';
                read.incrementAndGet();
                return 1;
            }
        };
        long start = System.nanoTime();

        assertThatThrownBy(() -> RequestBodies.read(-1, () -> trickle, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(WebError.class, e -> {
                    assertThat(e.status()).isEqualTo(408);
                    assertThat(e.body().details().get(0).id()).isEqualTo(WebError.REQUEST_TIMEOUT);
                });
        assertThat(read.get()).as("it read until the time was up").isGreaterThan(1);
        // a liveness bound, not a speed measurement: the call ends once the time is up, not at the body's end
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void whenABodyArrivesWithinItsTimeThenItIsReadWhole() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        assertThat(RequestBodies.read(body.length, () -> new ByteArrayInputStream(body), Duration.ofSeconds(30)))
                .isEqualTo(body);
    }

    @Test
    void whenTheTimeIsNotPositiveThenItIsRefused() {
        assertThatThrownBy(() -> RequestBodies.read(0, () -> new ByteArrayInputStream(new byte[0]), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    private static WebError failure(IOException thrown) {
        try {
            RequestBodies.read(10, () -> new InputStream() {
                @Override
                public int read() throws IOException {
                    throw thrown;
                }
            });
        } catch (WebError e) {
            return e;
        }
        throw new AssertionError("no refusal");
    }
}
