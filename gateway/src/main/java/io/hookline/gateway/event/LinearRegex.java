package io.hookline.gateway.event;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;

/**
 * The regular expressions of JSON Schemas ({@code pattern}, {@code patternProperties},
 * {@code format: regex}) compiled with RE2/J, whose matching time is linear in the input: a team's
 * schema cannot make the gateway backtrack for minutes (JDK regex takes exponential time on
 * {@code ^(a+)+$} against {@code aaa…!}). RE2 has no lookaround and no backreferences; a schema that
 * uses them fails to compile and is refused when it is registered.
 */
final class LinearRegex implements RegularExpressionFactory {

    static final LinearRegex INSTANCE = new LinearRegex();

    private LinearRegex() {
    }

    /** @throws Unsupported when RE2 cannot compile it */
    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern;
        try {
            // \p{Letter} and the other long forms of ECMA-262 become the short ones RE2 knows (\p{L})
            pattern = Pattern.compile(RegularExpressions.replaceLongformCharacterProperties(regex));
        } catch (PatternSyntaxException e) {
            throw new Unsupported(regex, e.getDescription() + (e.getPattern().isEmpty() ? "" : ": " + e.getPattern()));
        }
        // JSON Schema patterns are not anchored: a match anywhere in the string counts
        return value -> pattern.matcher(value).find();
    }

    /** A regular expression RE2 cannot compile: the whole expression, and what RE2 said of it. */
    static final class Unsupported extends IllegalArgumentException {

        private final String regex;
        private final String reason;

        Unsupported(String regex, String reason) {
            super("RE2 cannot compile the pattern " + regex + " (" + reason + ")");
            this.regex = regex;
            this.reason = reason;
        }

        /** What to tell the client. */
        String problem() {
            return "the pattern '" + regex + "' is not supported: patterns run on RE2, a linear-time engine without lookaround "
                    + "or backreferences (" + reason + ")";
        }
    }
}
