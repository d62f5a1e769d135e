// The Logs tab's live tail: new and changed deliveries from server-sent events go on top of the table.
// Every value is set with textContent, never as markup: response bodies come from endpoints.
const table = document.querySelector('#deliveries[data-tail]');
if (table) {
  const body = table.tBodies[0];
  const state = document.querySelector('#tail-state');
  const source = new EventSource(table.dataset.tail);
  source.addEventListener('open', () => { state.textContent = 'Live: new attempts appear as they happen.'; });
  source.addEventListener('error', () => { state.textContent = 'Live tail reconnecting…'; });
  source.addEventListener('delivery', (message) => {
    const row = JSON.parse(message.data);
    const existing = body.querySelector(`tr[data-delivery-id="${CSS.escape(row.deliveryId)}"]`);
    const tr = document.createElement('tr');
    tr.dataset.deliveryId = row.deliveryId;
    const link = document.createElement('a');
    link.href = row.href;
    link.textContent = row.eventType;
    const status = document.createElement('span');
    status.className = 'status';
    status.textContent = row.status;
    const cell = document.createElement('span');
    cell.append(status);
    if (row.reason) {
      const reason = document.createElement('span');
      reason.className = 'why';
      reason.textContent = row.reason;
      cell.append(' ', reason);
    }
    const pre = document.createElement('pre');
    pre.className = 'body';
    pre.textContent = row.responseBody;
    for (const content of [link, row.lastAttemptAt, cell, row.responseCode, row.responseTime, pre]) {
      const td = document.createElement('td');
      if (typeof content === 'string') { td.textContent = content; } else { td.append(content); }
      tr.append(td);
    }
    if (existing) { existing.remove(); }
    body.prepend(tr);
    document.querySelector('#no-deliveries')?.remove();
  });
}
