package io.hookline.schemas.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class EventFilterTest {

    private static final FilterEvent ORDER = new FilterEvent("order.paid", "team_a", EventFilter.parseJson(
            "{\"amount\":150.50,\"currency\":\"EUR\",\"customer\":{\"country\":\"NL\",\"email\":\"ann@shop.example\",\"vip\":true},"
                    + "\"items\":[{\"sku\":\"A-1\"},{\"sku\":\"B-2\"}],\"tags\":[\"new\",\"web\"],\"coupon\":null,"
                    + "\"paidAt\":\"2026-11-20T10:00:00Z\"}"));

    /** Each filter, given as JSON with ' for ", against {@link #ORDER}. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{'type': 'order.paid'}                                   | true",
            "{'type': 'order.refunded'}                               | false",
            "{'tenant_id': 'team_a'}                                  | true",
            "{'data.currency': 'EUR'}                                 | true",
            "{'data.currency': {'$eq': 'USD'}}                        | false",
            "{'data.amount': 150.5}                                   | true",
            "{'data.amount': {'$eq': 150.500}}                        | true",
            "{'data.amount': {'$neq': 150.5}}                         | false",
            "{'data.missing': {'$neq': 1}}                            | true",
            "{'data.amount': {'$gt': 150}}                            | true",
            "{'data.amount': {'$gt': 150.5}}                          | false",
            "{'data.amount': {'$gte': 150.5}}                         | true",
            "{'data.amount': {'$lt': 200, '$gt': 100}}                | true",
            "{'data.amount': {'$lte': 150.49}}                        | false",
            "{'data.amount': {'$gt': '100'}}                          | false",
            "{'data.paidAt': {'$gte': '2026-11-20T00:00:00Z'}}        | true",
            "{'data.missing': {'$gt': 0}}                             | false",
            "{'data.currency': {'$in': ['USD', 'EUR']}}               | true",
            "{'data.currency': {'$in': ['USD', 'GBP']}}               | false",
            "{'data.currency': {'$nin': ['USD', 'GBP']}}              | true",
            "{'data.missing': {'$nin': ['x']}}                        | true",
            "{'data.coupon': {'$exists': true}}                       | true",
            "{'data.coupon': null}                                    | true",
            "{'data.missing': {'$exists': false}}                     | true",
            "{'data.customer.vip': {'$exists': false}}                | false",
            "{'data.customer.email': {'$regex': '@shop\\\\.example$'}}  | true",
            "{'data.customer.email': {'$regex': '^bob'}}              | false",
            "{'data.amount': {'$regex': '150'}}                       | false",
            "{'data.customer': {'country': 'NL', 'vip': true}}        | true",
            "{'data': {'customer': {'country': 'DE'}}}                | false",
            "{'data.customer': {'$eq': {'vip': true, 'email': 'ann@shop.example', 'country': 'NL'}}} | true",
            "{'data.items.1.sku': 'B-2'}                              | true",
            "{'data.items.2.sku': {'$exists': true}}                  | false",
            "{'data.tags': ['new', 'web']}                            | true",
            "{'data.tags': ['web', 'new']}                            | false",
            "{'data.currency.code': {'$exists': true}}                | false",
            "{'type': 'order.paid', 'data.currency': 'USD'}           | false",
            "{'$or': [{'data.currency': 'USD'}, {'data.customer.vip': true}]} | true",
            "{'$or': [{'data.currency': 'USD'}, {'data.customer.vip': false}]} | false",
            "{'$and': [{'type': 'order.paid'}, {'data.amount': {'$gt': 100}}]} | true",
            "{'$not': {'data.customer.country': {'$in': ['NL', 'BE']}}} | false",
            "{'$not': {'$or': [{'data.currency': 'USD'}, {'data.amount': {'$lt': 10}}]}} | true",
    })
    void shouldMatchAsTheOperatorsSay(String filter, boolean expected) {
        assertThat(EventFilter.parse(json(filter), "filter").matches(ORDER)).isEqualTo(expected);
    }

    @Test
    void shouldReadBackTheStoredFormAsTheSameFilter() {
        // given a filter as the gateway stores it
        String stored = EventFilter.parse(json("{'data.amount': {'$gt': 100}, 'type': 'order.paid'}"), "filter").json();

        // when the router parses the stored form
        EventFilter read = EventFilter.parse(stored);

        // then it is compact and decides alike
        assertThat(stored).isEqualTo("{\"data.amount\":{\"$gt\":100},\"type\":\"order.paid\"}");
        assertThat(read.matches(ORDER)).isTrue();
    }

    @Test
    void shouldNotMatchAnEventWhoseDataIsNotJsonRatherThanThrow() {
        EventFilter filter = EventFilter.parse(json("{'data.amount': {'$exists': true}}"), "filter");
        assertThat(filter.matches(new FilterEvent("a", "t", EventFilter.parseJson("not json")))).isFalse();
    }

    /** Each bad filter, the field named in the first problem and a word of its message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[]                                         | filter                    | must be an object",
            "{}                                         | filter                    | empty filter matches every event",
            "{'amount': 1}                              | filter.amount             | starts with type, tenant_id or data",
            "{'data..amount': 1}                        | filter.data..amount       | single dots",
            "{'type.name': 'x'}                         | filter.type.name          | has no fields",
            "{'$nor': []}                               | filter.$nor               | is not an operator",
            "{'$gt': 1}                                 | filter.$gt                | applies to a path",
            "{'data.a': {'$like': 'x'}}                 | filter.data.a.$like       | is not an operator",
            "{'data.a': {'$or': []}}                    | filter.data.a.$or         | around the conditions",
            "{'data.a': {'$gt': 1, 'b': 2}}             | filter.data.a             | mixes operators and fields",
            "{'data.a': {'$gt': true}}                  | filter.data.a.$gt         | number or a string",
            "{'data.a': {'$in': []}}                    | filter.data.a.$in         | list of 1 to 100",
            "{'data.a': {'$nin': 'x'}}                  | filter.data.a.$nin        | list of 1 to 100",
            "{'data.a': {'$exists': 'yes'}}             | filter.data.a.$exists     | true or false",
            "{'data.a': {'$regex': 7}}                  | filter.data.a.$regex      | non-empty string",
            "{'data.a': {'$regex': '(?=x)'}}            | filter.data.a.$regex      | RE2",
            "{'data.a': {'$regex': '(a)\\\\1'}}           | filter.data.a.$regex      | RE2",
            "{'data.a': {'$regex': '(a{100}){100}'}}    | filter.data.a.$regex      | repeats too much",
            "{'data.a': {'$regex': '((ab){20}c){60}'}}  | filter.data.a.$regex      | repeats too much",
            "{'$and': {'type': 'a'}}                    | filter.$and               | non-empty list of filters",
            "{'$or': [{'type': 'a'}, 3]}                | filter.$or[1]             | must be an object",
            "{'$not': {}}                               | filter.$not               | give at least one condition",
            "{'data': {'a': {'$gt': 1, '$xx': 2}}}      | filter.data.a.$xx         | is not an operator",
            "{'data': {'$and': [{'type': 'a'}]}}        | filter.data.$and          | around the conditions",
    })
    void shouldRefuseABadFilterNamingWhere(String filter, String field, String words) {
        assertThatThrownBy(() -> EventFilter.parse(json(filter), "filter"))
                .isInstanceOfSatisfying(InvalidFilterException.class, e -> {
                    assertThat(e.problems().get(0).field()).isEqualTo(field);
                    assertThat(e.problems().get(0).problem()).contains(words);
                });
    }

    @Test
    void shouldListEveryProblemAtOnce() {
        assertThatThrownBy(() -> EventFilter.parse(json("{'amount': 1, 'data.a': {'$exists': 1}, '$or': 2}"), "filter"))
                .isInstanceOfSatisfying(InvalidFilterException.class, e -> assertThat(e.problems())
                        .extracting(FilterProblem::field).containsExactly("filter.amount", "filter.data.a.$exists", "filter.$or"));
    }

    @Test
    void shouldAcceptEverydayPatterns() {
        EventFilter filter = EventFilter.parse(json("{'data.paidAt': {'$regex': '^\\\\d{4}-\\\\d{2}-\\\\d{2}T'},"
                + " 'data.customer.email': {'$regex': '(?i)^[a-z0-9._%+-]{1,64}@[a-z0-9.-]{1,253}$'}}"), "filter");
        assertThat(filter.matches(ORDER)).isTrue();
    }

    @Test
    void shouldRefuseAFilterNestedTooDeep() {
        String deep = "{'type': 'a'}";
        for (int i = 0; i < EventFilter.MAX_DEPTH; i++) {
            deep = "{'$not': " + deep + "}";
        }
        String tooDeep = deep;
        assertThatThrownBy(() -> EventFilter.parse(json(tooDeep), "filter"))
                .isInstanceOfSatisfying(InvalidFilterException.class, e -> assertThat(e.problems().get(0).problem()).contains("nests deeper"));
    }

    @Test
    void shouldRefuseAFilterLongerThanTheLimit() {
        String filter = "{'data.a': {'$in': ['" + "x".repeat(EventFilter.MAX_LENGTH) + "']}}";
        assertThatThrownBy(() -> EventFilter.parse(json(filter), "filter"))
                .isInstanceOfSatisfying(InvalidFilterException.class, e -> assertThat(e.problems().get(0).problem()).contains("at most 4096"));
    }

    @Test
    void shouldRefuseMoreConditionsThanTheLimit() {
        StringBuilder filter = new StringBuilder("{");
        for (int i = 0; i <= EventFilter.MAX_CONDITIONS; i++) {
            filter.append(i == 0 ? "" : ", ").append("'data.f").append(i).append("': ").append(i);
        }
        String many = filter.append("}").toString();
        assertThatThrownBy(() -> EventFilter.parse(json(many), "filter"))
                .isInstanceOfSatisfying(InvalidFilterException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.problem()).contains("at most 64")));
    }

    @Test
    void shouldRefuseMorePatternsThanTheLimit() {
        StringBuilder filter = new StringBuilder("{");
        for (int i = 0; i <= EventFilter.MAX_REGEXES; i++) {
            filter.append(i == 0 ? "" : ", ").append("'data.f").append(i).append("': {'$regex': 'a'}");
        }
        String many = filter.append("}").toString();
        assertThatThrownBy(() -> EventFilter.parse(json(many), "filter"))
                .isInstanceOfSatisfying(InvalidFilterException.class, e -> assertThat(e.problems().get(0).problem()).contains("at most 8 $regex"));
    }

    @Test
    void shouldRefuseAStoredFormThatIsNotJson() {
        assertThatThrownBy(() -> EventFilter.parse("{\"type\":")).isInstanceOf(InvalidFilterException.class);
    }

    private static JsonNode json(String quoted) {
        return EventFilter.JSON.readTree(quoted.replace('\'', '"'));
    }
}
