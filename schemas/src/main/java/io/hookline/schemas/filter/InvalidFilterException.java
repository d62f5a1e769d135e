package io.hookline.schemas.filter;

import java.util.List;

/** A payload filter that cannot be used, with every problem found in it (not just the first). */
public final class InvalidFilterException extends IllegalArgumentException {

    private final transient List<FilterProblem> problems;

    InvalidFilterException(List<FilterProblem> problems) {
        super("invalid payload filter: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<FilterProblem> problems() {
        return problems;
    }
}
