package io.hookline.schemas.filter;

/**
 * One thing wrong with a payload filter.
 *
 * @param field where, as a path inside the filter such as {@code filter.$and[1].data.amount.$gt}
 */
public record FilterProblem(String field, String problem) {
}
