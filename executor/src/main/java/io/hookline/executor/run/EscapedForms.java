package io.hookline.executor.run;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The ways a dataset's output may spell a secret besides the value itself: inside a JSON string (as
 * Python's {@code json.dumps} writes it, with and without {@code ensure_ascii}) and inside Python's
 * {@code repr} of a {@code str} or of its UTF-8 {@code bytes} (what {@code print(dict)} and tracebacks show).
 * Each form is the text between the quotes.
 */
final class EscapedForms {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EscapedForms() {
    }

    static Set<String> of(String value) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        forms.add(json(value, false));
        forms.add(json(value, true));
        forms.add(pythonRepr(value));
        forms.add(pythonBytesRepr(value));
        return forms;
    }

    static String json(String value, boolean asciiOnly) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // UTF-16 units, as Python's json writes an astral character: a surrogate pair of \\u escapes
                    if (c < 0x20 || (asciiOnly && c > 0x7e)) {
                        out.append("\\u").append(hex(c, 4));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static String pythonRepr(String value) {
        char quote = value.indexOf('\'') >= 0 && value.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(value.length() + 8);
        value.codePoints().forEach(c -> {
            if (c == quote || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c == '\t' || c == '\n' || c == '\r') {
                out.append(c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r");
            } else if (c < 0x20 || c == 0x7f) {
                out.append("\\x").append(hex(c, 2));
            } else if (c < 0x7f || printable(c)) {
                out.appendCodePoint(c);
            } else {
                out.append(c <= 0xff ? "\\x" + hex(c, 2) : c <= 0xffff ? "\\u" + hex(c, 4) : "\\U" + hex(c, 8));
            }
        });
        return out.toString();
    }

    static String pythonBytesRepr(String value) {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        char quote = value.indexOf('\'') >= 0 && value.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == quote || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c == '\t' || c == '\n' || c == '\r') {
                out.append(c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                out.append("\\x").append(hex(c, 2));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    // Python's str.isprintable(): not a control, format, surrogate, private-use, unassigned or separator character
    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    private static String hex(int value, int digits) {
        char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = HEX[value & 0xf];
            value >>>= 4;
        }
        return new String(out);
    }
}
