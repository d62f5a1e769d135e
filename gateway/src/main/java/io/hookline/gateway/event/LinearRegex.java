package io.hookline.gateway.event;

import com.google.re2j.Pattern;
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

    /** @throws com.google.re2j.PatternSyntaxException when RE2 cannot compile it */
    @Override
    public RegularExpression getRegularExpression(String regex) {
        // \p{Letter} and the other long forms of ECMA-262 become the short ones RE2 knows (\p{L})
        Pattern pattern = Pattern.compile(RegularExpressions.replaceLongformCharacterProperties(regex));
        // JSON Schema patterns are not anchored: a match anywhere in the string counts
        return value -> pattern.matcher(value).find();
    }
}
