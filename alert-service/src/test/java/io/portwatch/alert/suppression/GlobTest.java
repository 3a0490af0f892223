package io.portwatch.alert.suppression;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class GlobTest {

    @Test
    void starsMatchAnyRunAndQuestionMarksOneCharacter() {
        assertThat(Glob.compile("mac-build-*").matches("mac-build-7")).isTrue();
        assertThat(Glob.compile("mac-build-*").matches("mac-build-")).isTrue();
        assertThat(Glob.compile("mac-build-*").matches("mac-desk-7")).isFalse();
        assertThat(Glob.compile("lab-?.example.org").matches("LAB-1.example.org")).isTrue();
        assertThat(Glob.compile("lab-?.example.org").matches("lab-12.example.org")).isFalse();
        assertThat(Glob.compile("*").matches("")).isTrue();
        assertThat(Glob.compile("a*b*c").matches("abc")).isTrue();
        assertThat(Glob.compile("a*b*c").matches("ac")).isFalse();
        assertThat(Glob.compile("*ab").matches("ab")).isTrue();
        assertThat(Glob.compile("ab*ab").matches("ab")).isFalse();
    }

    @Test
    void literalCharactersOfRegularExpressionsStayLiteral() {
        assertThat(Glob.compile("a.b").matches("a.b")).isTrue();
        assertThat(Glob.compile("a.b").matches("axb")).isFalse();
        assertThat(Glob.compile("[x]+").matches("[x]+")).isTrue();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void aPatternThatMakesRegularExpressionsBacktrackStaysFast() {
        // As a regular expression, *a*a*a*b against 400 characters took 18 s, against 2,000 minutes.
        Glob glob = Glob.compile("*a*a*a*b");
        String text = "a".repeat(2_000);
        for (int i = 0; i < 100; i++) {
            assertThat(glob.matches(text)).isFalse();
        }
        assertThat(glob.matches(text + "b")).isTrue();
    }
}
