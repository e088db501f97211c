{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/contracts">All contracts</a> › <a href="/contracts/{{ID}}">{{TITLE}}</a></p>
<h1>Payments and refunds</h1>
{{>FORM_ERRORS}}
<p class="meta">{{TITLE}} · {{TERMS}} · <a href="/contracts/{{ID}}/payments.csv" download>Download payments and refunds (CSV)</a></p>
<dl class="totals">
<div><dt>Paid</dt><dd>{{PAID}}</dd></div>
<div><dt>Refunded</dt><dd>{{REFUNDED}}</dd></div>
<div><dt>Net</dt><dd>{{NET_PAID}}</dd></div>
</dl>
{{#HOURLY}}<p class="hint">Each week's invoice is listed here as paid from the Wednesday its funds become available, as on <a href="/contracts/{{ID}}/billing">Billing</a>.</p>{{/HOURLY}}
{{#FREELANCER}}<p class="hint">You can refund all or part of a payment made in the past 180 days, on an active or ended contract. A refund can't be undone. For older payments, contact support.</p>{{/FREELANCER}}
{{#CLIENT}}<p class="hint">Only the freelancer side can give refunds, for payments made in the past 180 days. To contest hours billed this week or last, use <a href="/contracts/{{ID}}/billing">Billing</a> during the review period.</p>{{/CLIENT}}
{{#NO_PAYMENTS}}<p class="empty">No payments have been made on this contract yet.</p>{{/NO_PAYMENTS}}
{{#HAS_PAYMENTS}}
<ul class="payments">
{{#PAYMENT}}
<li class="card payment">
<h2>{{AMOUNT}} <span class="muted">paid {{PAID_AT}}</span></h2>
<dl>
{{#INVOICE_ROW}}<dt>For</dt><dd>the invoice for the week of {{WEEK_FROM}} – {{WEEK_TO}} (<a href="/contracts/{{ID}}/billing">Billing</a>)</dd>{{/INVOICE_ROW}}
{{#MEMO_ROW}}<dt>Memo</dt><dd>{{MEMO}}</dd>{{/MEMO_ROW}}
<dt>Refunded</dt><dd>{{P_REFUNDED}}</dd>
<dt>Left</dt><dd>{{LEFT}}</dd>
<dt>Refunds</dt><dd>{{#REFUNDABLE}}possible until {{UNTIL}}{{/REFUNDABLE}}{{#FULLY_REFUNDED}}refunded in full{{/FULLY_REFUNDED}}{{#TOO_OLD}}closed after {{CLOSED_ON}} (over 180 days): contact support{{/TOO_OLD}}</dd>
</dl>
{{#REFUNDABLE}}{{#REFUND_FORM}}
<details class="refund"{{#FORM_OPEN}} open{{/FORM_OPEN}}>
<summary>Give a refund<span class="sr"> of the payment of {{PAID_AT}}</span></summary>
<form method="post" action="/contracts/{{ID}}/refunds" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="payment" value="{{PID}}">
<label for="ra-{{PID}}">Amount (dollars)</label>
{{#AMOUNT_BAD}}<p class="field-error" id="err-ra-{{PID}}">{{MSG}}</p>{{/AMOUNT_BAD}}
<input id="ra-{{PID}}" name="amount" type="text" inputmode="decimal" required pattern="[0-9]+(\.[0-9]{1,2})?" value="{{AMOUNT_VALUE}}" aria-describedby="rah-{{PID}}{{#AMOUNT_BAD}} err-ra-{{PID}}{{/AMOUNT_BAD}}"{{#AMOUNT_BAD}} aria-invalid="true"{{/AMOUNT_BAD}}>
<p id="rah-{{PID}}" class="hint">Up to {{LEFT_PLAIN}}, like 12.50. You confirm on the next page.</p>
<label for="rr-{{PID}}">Reason (shown to {{CLIENT_NAME}})</label>
{{#REASON_BAD}}<p class="field-error" id="err-rr-{{PID}}">{{MSG}}</p>{{/REASON_BAD}}
<textarea id="rr-{{PID}}" name="reason" maxlength="1000"{{#REASON_BAD}} aria-describedby="err-rr-{{PID}}" aria-invalid="true"{{/REASON_BAD}}>{{REASON_VALUE}}</textarea>
<button type="submit" class="primary">Refund…</button>
</form>
</details>
{{/REFUND_FORM}}{{/REFUNDABLE}}
</li>
{{/PAYMENT}}
</ul>
{{/HAS_PAYMENTS}}
{{#HAS_REFUNDS}}
<h2>Refunds given</h2>
<div class="table-wrap">
<table class="stack-table">
<thead><tr><th scope="col">When</th><th scope="col">Amount</th><th scope="col">By</th><th scope="col">Reason</th></tr></thead>
<tbody>
{{#REFUND}}<tr><td data-label="When">{{R_AT}}</td><td data-label="Amount" class="money">{{R_AMOUNT}}</td><td data-label="By">{{R_BY}}</td><td data-label="Reason">{{R_REASON}}</td></tr>{{/REFUND}}
</tbody>
</table>
</div>
{{/HAS_REFUNDS}}
{{#HAS_DISPUTE_REFUNDS}}
<h2>Refunded through disputes</h2>
<div class="table-wrap">
<table class="stack-table">
<thead><tr><th scope="col">Accepted</th><th scope="col">Week</th><th scope="col">Hours</th><th scope="col">Amount</th></tr></thead>
<tbody>
{{#DISPUTE_REFUND}}<tr><td data-label="Accepted">{{DR_AT}}</td><td data-label="Week">{{DR_WEEK}}</td><td data-label="Hours">{{DR_HOURS}}</td><td data-label="Amount" class="money">{{DR_AMOUNT}}</td></tr>{{/DISPUTE_REFUND}}
</tbody>
</table>
</div>
{{/HAS_DISPUTE_REFUNDS}}
