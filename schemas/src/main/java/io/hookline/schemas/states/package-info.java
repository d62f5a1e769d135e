/**
 * The states records carry, each owned by one enum here: attempt status, trigger, ordering, webhook status,
 * verification status, execution status, and the event types with a meaning of their own. Every module uses
 * these and no copy of their strings.
 *
 * <h2>Why strings on the wire, not Avro enums (yet)</h2>
 * The fields are Avro {@code string}s, and these Java enums own the strings ({@code wire()}, {@code is},
 * {@code of}). Avro cannot resolve a string written by an older schema into an enum, nor an enum symbol a
 * reader does not know (without a default), and records outlive releases: compacted topics keep a webhook's
 * state for ever, the delivery log 30 days. Turning a field into an enum therefore needs a reader that decodes
 * the older fingerprints with their writer schema and converts, shipped one release before any writer switches
 * (a component of the release before cannot read the new fingerprint at all during a rolling upgrade).
 *
 * <h2>Compatibility rules</h2>
 * <ul>
 *   <li>A value's string never changes and is never reused for another meaning: records keep it.</li>
 *   <li>A new value may be added. Readers of earlier builds see a string they do not know: {@code of} answers
 *       empty, and every caller says what that means where it reads (the deliverer treats an unknown ordering
 *       as concurrent, the router passes it through, the CLI and API show it as it is). A writer uses a new value
 *       only once every reader of the topic has been released with it.</li>
 *   <li>A value is removed only after no record that holds it can remain on any topic (the topic's retention, or
 *       for ever on compacted ones) and no writer writes it.</li>
 *   <li>When a field becomes an Avro enum, its schema's earlier version goes to {@code avro-history}, the serde
 *       converts records of that fingerprint, the enum has a {@code default} symbol for values it does not know,
 *       and {@code SchemaHistoryTest} reads a record of the old schema.</li>
 * </ul>
 */
package io.hookline.schemas.states;
