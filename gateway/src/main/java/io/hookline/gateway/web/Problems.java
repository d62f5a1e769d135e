package io.hookline.gateway.web;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a request so that a 422 lists them all, not just the first. */
public final class Problems {

    private final List<Problem> problems = new ArrayList<>();

    public Problems add(String field, String problem) {
        problems.add(new Problem(field, problem));
        return this;
    }

    public Problems addAll(List<Problem> more) {
        problems.addAll(more);
        return this;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<Problem> list() {
        return List.copyOf(problems);
    }

    /** @throws ApiException a 422 listing every problem collected, if there is any */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
    }

    /** The path of a field inside another: {@code join("[3]", "type")} is {@code [3].type}, {@code join("", "type")} is {@code type}. */
    public static String join(String parent, String child) {
        if (parent.isEmpty()) {
            return child;
        }
        return child.startsWith("[") ? parent + child : parent + "." + child;
    }
}
