/**
 * The states records carry, each owned by one enum here: attempt status, trigger, ordering, webhook status,
 * verification status, execution status (and {@code principal.Role}), and the event types with a meaning of their
 * own. Every module uses these and no copy of their strings.
 *
 * <h2>Avro enums on the wire, these Java enums inside</h2>
 * Each state is an Avro enum in its schema ({@code TriggerSymbol}, {@code AttemptStatusSymbol},
 * {@code OrderingSymbol}, {@code WebhookStatusSymbol}, {@code VerificationStatusSymbol}, {@code ExecutionStatusSymbol},
 * {@code RoleSymbol}), and its symbols are the lower-case strings the HTTP API shows and the records held when the
 * fields were strings. So every Avro reader, ours or not (python3-avro, the analysts' tools, {@code avro-tools tojson}),
 * reads the same strings from an old record and a new one, and the API's strings are the symbols' names.
 * <p>
 * The Java API stays these enums: they carry behaviour ({@code Role.canManage}), validate what clients send
 * ({@code of(String)}) and have Java's constant names, which generated enums with lower-case symbols could not.
 * {@link io.hookline.schemas.states.WireValue} is the one place a state maps between the two: {@code symbol()} to write,
 * {@code of(symbol)} and {@code is(symbol)} to read, by name, cached per enum; a constant with no symbol of its name
 * fails when its enum is first used, and {@code WireValueTest} checks that both lists agree, in order.
 *
 * <h2>Compatibility rules</h2>
 * <ul>
 *   <li>A symbol is never renamed and never reused for another meaning: records keep it, and its position (Avro
 *       writes an enum as its index) never changes either. Symbols are only ever added at the end.</li>
 *   <li>Each enum has a {@code default} symbol, what a reader makes of a symbol (or, from an old record, a string) it
 *       does not know, chosen as the callers treated an unknown string before: an unknown trigger is
 *       {@code scheduled} (an ordinary delivery, neither manual nor a test past the verification gate); an attempt
 *       status {@code failed} (never counted a success); an ordering {@code concurrent}; a webhook status
 *       {@code disabled} (it does not fire: secure by default, where an unknown string used to fire); a
 *       verification status {@code failed} (only succeeded activates); an execution status {@code failed}; a role
 *       {@code unknown}, a symbol with no {@code Role} of its own, so {@code Role.of} is empty and the key is
 *       refused as before.</li>
 *   <li>A new symbol is written only once every reader of the topic runs a release that knows the new schema. The
 *       serde resolves only the writer schemas this build ships (the current one and {@code avro-history}), so a
 *       component of the release before cannot read a record of the new fingerprint at all: it goes where
 *       undecodable records go (the consumers' dead letters). An operator therefore upgrades the readers first
 *       (router, deliverer, gateway, executor, CLI), then the writers; this release's readers read both the string
 *       versions and the enum ones.</li>
 *   <li>A symbol is removed only after no record that holds it can remain on any topic (the topic's retention, or for
 *       ever on compacted ones) and no writer writes it; until then it stays, and only the Java constant may go.</li>
 *   <li>A schema change keeps the schema's previous version whole in {@code avro-history/<Name>.v<N>.avsc};
 *       {@code SchemaHistoryTest} reads a record of every version. A field that turns from {@code string} into an
 *       enum (which Avro's resolution refuses) is read through {@code serde.StringStates}: decoded with its writer
 *       schema, each string turned into the symbol of its name (an unknown one into the default), and resolved
 *       from there.</li>
 * </ul>
 */
package io.hookline.schemas.states;
