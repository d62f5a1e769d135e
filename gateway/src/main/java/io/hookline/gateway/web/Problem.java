package io.hookline.gateway.web;

/** One problem of a failed request: which field (a path such as {@code [3].data.acronym.term}) and what is wrong with it. */
public record Problem(String field, String problem) {
}
