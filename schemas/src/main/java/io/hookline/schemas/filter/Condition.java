package io.hookline.schemas.filter;

import java.util.List;

/** A compiled payload filter: a tree of logical operators over tests of one path each. */
sealed interface Condition {

    boolean matches(FilterEvent event);

    /** Every one holds ({@code $and}, and the entries of one filter object). */
    record All(List<Condition> conditions) implements Condition {
        @Override
        public boolean matches(FilterEvent event) {
            for (Condition condition : conditions) {
                if (!condition.matches(event)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** At least one holds ({@code $or}). */
    record Any(List<Condition> conditions) implements Condition {
        @Override
        public boolean matches(FilterEvent event) {
            for (Condition condition : conditions) {
                if (condition.matches(event)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code $not}. */
    record Not(Condition condition) implements Condition {
        @Override
        public boolean matches(FilterEvent event) {
            return !condition.matches(event);
        }
    }

    /** One operator applied to the value at one path (absent when the path leads nowhere). */
    record OnPath(FilterPath path, Operator operator) implements Condition {
        @Override
        public boolean matches(FilterEvent event) {
            return operator.test(path.resolve(event));
        }
    }
}
