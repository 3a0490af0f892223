package io.portwatch.events.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlCharactersTest {

    @Test
    void escapesC0ControlsDelAndC1ControlsAsHex() {
        assertThat(ControlCharacters.escape("pw\u0000x")).isEqualTo("pw\\x00x");
        assertThat(ControlCharacters.escape("a\u001b[2K\u001b[8m")).isEqualTo("a\\x1B[2K\\x1B[8m");
        assertThat(ControlCharacters.escape("bell\u0007 del\u007f csi\u009b")).isEqualTo("bell\\x07 del\\x7F csi\\x9B");
    }

    @Test
    void escapesBidirectionalOverrides() {
        assertThat(ControlCharacters.escape("evil\u202Egnp.exe")).isEqualTo("evil\\u202Egnp.exe");
    }

    @Test
    void leavesPrintableTextAndNullAlone() {
        String text = "rapportd – Größe (deleted) \\x41 日本";
        assertThat(ControlCharacters.escape(text)).isSameAs(text);
        assertThat(ControlCharacters.escape(null)).isNull();
        assertThat(ControlCharacters.present(text)).isFalse();
    }

    @Test
    void findsControlCharactersButNotBidiMarks() {
        assertThat(ControlCharacters.present("a\tb")).isTrue();
        assertThat(ControlCharacters.present("a\u0085b")).isTrue();
        assertThat(ControlCharacters.present("a\u202Eb")).isFalse();
    }

    @Test
    void cutsLongTextWithAnEllipsis() {
        assertThat(ControlCharacters.escapeAndCut("abcdefgh", 5)).isEqualTo("abcd…");
        assertThat(ControlCharacters.escapeAndCut("abcd", 5)).isEqualTo("abcd");
    }

    @Test
    void neverCutsInsideAnEscapeOrASurrogatePair() {
        assertThat(ControlCharacters.escapeAndCut("abc\u0000def", 6)).isEqualTo("abc…");
        assertThat(ControlCharacters.escapeAndCut("abc\uD83D\uDE00def", 5)).isEqualTo("abc…");
        assertThat(ControlCharacters.escapeAndCut("\u0000\u0000\u0000", 9).length()).isLessThanOrEqualTo(9);
    }
}
