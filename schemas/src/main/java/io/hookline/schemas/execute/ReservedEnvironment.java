package io.hookline.schemas.execute;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which {@code environmentVariables} a caller may hand to a dataset. The gateway answers {@code 422}
 * with {@link #nameProblem}/{@link #valueProblem}; the executor checks the same rule again before a
 * sandbox starts, so a request that reached Kafka another way cannot change the interpreter either.
 *
 * <p>Refused: names the platform sets itself ({@link #PLATFORM}); names with which the caller would
 * choose what code runs or where the interpreter looks ({@code LD_*} for the dynamic loader,
 * {@code PYTHON*} for Python, {@code PATH}, {@code HOME}, {@code PWD}, {@code TMPDIR}, and the C
 * library's own list of variables it ignores in setuid programs, such as {@code GCONV_PATH} and
 * {@code GLIBC_TUNABLES}); and anything that is not a portable name ({@code [A-Za-z_][A-Za-z0-9_]*},
 * which leaves out empty names, {@code =} and NUL). Names are case-sensitive, as the loader, Python
 * and libc read them: {@code ld_preload} or {@code PythonPath} is a variable like any other.
 */
public final class ReservedEnvironment {

    public static final int MAX_NAME_LENGTH = 128;
    /** Below Linux's 128 KiB cap on one {@code NAME=value} string, so a dataset's subprocesses inherit it. */
    public static final int MAX_VALUE_BYTES = 127 * 1024;
    public static final int MAX_VARIABLES = 200;
    /** All names and values together: half of the usual 2 MiB that execve accepts for arguments and environment. */
    public static final int MAX_TOTAL_BYTES = 1024 * 1024;

    /** Set by the platform for every dataset. */
    public static final Set<String> PLATFORM = Set.of("WEBHOOK_DATA_FILE", "DEFINITE_API_KEY", "DEFINITE_API_BASE_URL");
    /** Read by the interpreter or the C library to find code, files or memory behaviour (glibc's unsecvars.h besides the first four). */
    public static final Set<String> INTERPRETER = Set.of("PATH", "HOME", "PWD", "TMPDIR",
            "GCONV_PATH", "GETCONF_DIR", "GLIBC_TUNABLES", "HOSTALIASES", "LOCALDOMAIN", "LOCPATH", "MALLOC_TRACE",
            "NIS_PATH", "NLSPATH", "RESOLV_HOST_CONF", "RES_OPTIONS", "TZDIR");
    /** Every variable of the dynamic loader and of Python starts so. */
    public static final List<String> PREFIXES = List.of("LD_", "PYTHON");

    private static final Pattern PORTABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ReservedEnvironment() {
    }

    /** One refused variable and why. */
    public record Refusal(String name, String problem) {
    }

    /** Why this name may not be set by a caller, or empty when it may. */
    public static Optional<String> nameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("is an empty variable name");
        }
        if (name.indexOf('\0') >= 0) {
            return Optional.of("is not a valid variable name: it contains a NUL character");
        }
        if (name.indexOf('=') >= 0) {
            return Optional.of("is not a valid variable name: it contains '='");
        }
        if (name.length() > MAX_NAME_LENGTH || !PORTABLE.matcher(name).matches()) {
            return Optional.of("is not a valid variable name (letters, digits and '_', not starting with a digit, at most "
                    + MAX_NAME_LENGTH + " characters)");
        }
        if (PLATFORM.contains(name)) {
            return Optional.of("is set by the platform and cannot be overridden");
        }
        if (INTERPRETER.contains(name) || PREFIXES.stream().anyMatch(name::startsWith)) {
            return Optional.of("is reserved: it would change the interpreter, the loader or the C library (LD_*, PYTHON*, PATH, HOME, "
                    + "PWD, TMPDIR, GCONV_PATH, GLIBC_TUNABLES, …)");
        }
        return Optional.empty();
    }

    /** Why this value may not be set, or empty when it may. */
    public static Optional<String> valueProblem(String value) {
        if (value.indexOf('\0') >= 0) {
            return Optional.of("must not contain NUL characters");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            return Optional.of("must be at most " + MAX_VALUE_BYTES + " bytes (put large payloads in data)");
        }
        return Optional.empty();
    }

    /** Every refused variable of {@code variables}, in their order, and the limits on all of them together (name {@code ""}). */
    public static List<Refusal> refusals(Map<String, String> variables) {
        List<Refusal> refusals = new ArrayList<>();
        for (Map.Entry<String, String> entry : variables.entrySet()) {
            nameProblem(entry.getKey()).or(() -> valueProblem(entry.getValue()))
                    .ifPresent(problem -> refusals.add(new Refusal(entry.getKey(), problem)));
        }
        tooMany(variables.size()).ifPresent(problem -> refusals.add(new Refusal("", problem)));
        tooLarge(variables.entrySet().stream().mapToLong(e -> bytes(e.getKey()) + bytes(e.getValue())).sum())
                .ifPresent(problem -> refusals.add(new Refusal("", problem)));
        return refusals;
    }

    /** The limit on the number of variables, when {@code count} is over it. */
    public static Optional<String> tooMany(int count) {
        return count > MAX_VARIABLES ? Optional.of("must have at most " + MAX_VARIABLES + " entries, has " + count) : Optional.empty();
    }

    /** The limit on all names and values together, when {@code totalBytes} is over it. */
    public static Optional<String> tooLarge(long totalBytes) {
        return totalBytes > MAX_TOTAL_BYTES
                ? Optional.of("names and values must add up to at most " + MAX_TOTAL_BYTES + " bytes, have " + totalBytes)
                : Optional.empty();
    }

    /** A string's size in UTF-8, as the sandbox's environment holds it. */
    public static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
