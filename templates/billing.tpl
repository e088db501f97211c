{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/contracts">All contracts</a> › <a href="/contracts/{{ID}}">{{TITLE}}</a></p>
<h1>Billing</h1>
<p class="meta">{{TITLE}} · {{TERMS}}</p>
{{#FIXED}}
<p class="hint">Fixed-price contracts are paid by milestone through escrow, not by weekly invoices.</p>
<section class="card">
<h2>Escrow</h2>
<dl>
<dt>Milestones</dt><dd>{{MILESTONES}}</dd>
<dt>In escrow</dt><dd>{{ESCROW}}</dd>
<dt>Released</dt><dd>{{RELEASED}}</dd>
</dl>
</section>
{{/FIXED}}
{{#HOURLY}}
{{>FORM_ERRORS}}
<p class="meta"><a href="/contracts/{{ID}}/billing.csv" download>Download the weekly invoices (CSV)</a></p>
<p class="hint">Each week's hours are invoiced to the client on Monday at 12:00 UTC. The client can review them and dispute hours until Friday 23:59 UTC; the funds become available to the freelancer the Wednesday after.{{#CLIENT}} To dispute hours, use the form under an invoice in review.{{/CLIENT}}</p>
{{#NO_INVOICES}}<p class="empty">No hours have been logged on this contract yet, so there are no invoices.</p>{{/NO_INVOICES}}
{{#HAS_INVOICES}}
<ul class="invoices">
{{#INVOICE}}
<li class="card invoice">
<h2>Week of {{WEEK_FROM}} – {{WEEK_TO}} <span class="badge {{STATE_CLASS}}">{{STATE}}</span></h2>
<dl>
<dt>Hours logged</dt><dd>{{LOGGED}}</dd>
<dt>Hours billed</dt><dd>{{BILLED}}{{#OVER_LIMIT}} (over the weekly limit: not billed){{/OVER_LIMIT}}</dd>
<dt>Amount</dt><dd>{{AMOUNT}}</dd>
{{#REFUNDED}}<dt>Refunded</dt><dd>{{REFUNDED_AMOUNT}}</dd>{{/REFUNDED}}
<dt>{{INVOICED_LABEL}}</dt><dd>{{INVOICED_AT}}</dd>
<dt>Review until</dt><dd>{{REVIEW_UNTIL}}</dd>
<dt>Funds available</dt><dd>{{AVAILABLE_AT}}</dd>
</dl>
{{#DISPUTE_FORM}}
<details class="dispute"{{#FORM_OPEN}} open{{/FORM_OPEN}}>
<summary>Dispute hours of this invoice</summary>
<form method="post" action="/contracts/{{ID}}/disputes" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="invoice" value="{{WEEK_VALUE}}">
<label for="dm-{{WEEK_VALUE}}">Minutes you dispute</label>
{{#MINUTES_BAD}}<p class="field-error" id="err-dm-{{WEEK_VALUE}}">{{MSG}}</p>{{/MINUTES_BAD}}
<input id="dm-{{WEEK_VALUE}}" name="minutes" type="number" min="1" max="{{MAX_MINUTES}}" required value="{{MINUTES_VALUE}}" aria-describedby="dmh-{{WEEK_VALUE}}{{#MINUTES_BAD}} err-dm-{{WEEK_VALUE}}{{/MINUTES_BAD}}"{{#MINUTES_BAD}} aria-invalid="true"{{/MINUTES_BAD}}>
<p id="dmh-{{WEEK_VALUE}}" class="hint">Up to {{MAX_MINUTES}} minutes ({{MAX_HOURS}} {{MAX_HOURS_NOUN}}).</p>
<label for="dr-{{WEEK_VALUE}}">Reason</label>
{{#REASON_BAD}}<p class="field-error" id="err-dr-{{WEEK_VALUE}}">{{MSG}}</p>{{/REASON_BAD}}
<textarea id="dr-{{WEEK_VALUE}}" name="reason" required maxlength="2000"{{#REASON_BAD}} aria-describedby="err-dr-{{WEEK_VALUE}}" aria-invalid="true"{{/REASON_BAD}}>{{REASON_VALUE}}</textarea>
<button type="submit">Send dispute</button>
</form>
</details>
{{/DISPUTE_FORM}}
</li>
{{/INVOICE}}
</ul>
{{/HAS_INVOICES}}
{{#HAS_DISPUTES}}
<section aria-labelledby="disputes">
<h2 id="disputes">Disputes</h2>
<ul class="disputes">
{{#DISPUTE}}
<li class="card">
<p><strong>{{D_HOURS}} {{D_HOURS_NOUN}} ({{D_AMOUNT}})</strong> of the week of {{D_WEEK}} · opened by {{D_BY}} on {{D_OPENED}}</p>
<p>Reason: {{D_REASON}}</p>
<p>Status: {{D_STATE}}{{#D_OPEN}}, answer due by {{D_DUE}}{{/D_OPEN}}</p>
{{#D_OPEN}}{{#D_ANSWER}}
<form method="post" action="/disputes/{{DID}}" class="inline actions">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" name="decision" value="accept">Accept and refund {{D_AMOUNT}}</button>
<button type="submit" name="decision" value="decline">Decline (the marketplace reviews it)</button>
</form>
{{/D_ANSWER}}{{/D_OPEN}}
</li>
{{/DISPUTE}}
</ul>
</section>
{{/HAS_DISPUTES}}
{{/HOURLY}}
