{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/contracts">All contracts</a> › <a href="/contracts/{{ID}}">{{TITLE}}</a></p>
<h1>End contract</h1>
{{>FORM_ERRORS}}
<p class="meta">{{TITLE}} · {{TERMS}} · with {{OTHER}}</p>

<section class="card end-facts" aria-labelledby="what-happens">
<h2 id="what-happens">What ending this contract means</h2>
<ul class="facts">
{{#HOURLY}}
{{#WEEK_LOGGED}}<li><strong>This week's hours will be billed:</strong> {{WEEK_HOURS}} {{WEEK_HOURS_NOUN}}, {{WEEK_AMOUNT}}, logged in the week of {{WEEK_OF}}.</li>{{/WEEK_LOGGED}}
{{#WEEK_EMPTY}}<li><strong>No hours are logged this week</strong> (the week of {{WEEK_OF}}), so nothing more will be billed for it.</li>{{/WEEK_EMPTY}}
{{#OVER}}<li>{{OVER_HOURS}} {{OVER_HOURS_NOUN}} logged over the {{LIMIT}}-hour weekly limit are not billed.</li>{{/OVER}}
<li>{{#YOU_CLIENT}}You are invoiced{{/YOU_CLIENT}}{{#YOU_FREELANCER}}{{OTHER}} is invoiced{{/YOU_FREELANCER}} on <strong>{{INVOICE_AT}}</strong>. These hours can be disputed until <strong>{{DISPUTE_UNTIL}}</strong>; {{#YOU_CLIENT}}{{OTHER}}'s funds become{{/YOU_CLIENT}}{{#YOU_FREELANCER}}your funds become{{/YOU_FREELANCER}} available on {{AVAILABLE_AT}}.</li>
<li><strong>The Work Diary locks at once:</strong> no hours can be added, changed or deleted after the end.</li>
{{/HOURLY}}
{{#FIXED}}
{{#NO_ESCROW}}<li>Nothing is in escrow for this contract.</li>{{/NO_ESCROW}}
{{#RETURN}}<li><strong>The {{ESCROW}} in escrow goes back to {{OTHER}}</strong> when you end the contract.</li>{{/RETURN}}
{{#RELEASE}}<li><strong>{{ESCROW}} is in escrow.</strong> Below, choose how much of it to release to {{OTHER}}: all, part or none. If you release less than all, {{OTHER}} has 7 days (until {{ANSWER_DUE}}) to accept or decline giving the rest back; no answer counts as accepted.</li>{{/RELEASE}}
{{/FIXED}}
<li><strong>Refunds stay possible</strong> for payments made in the past 180 days.{{#NO_REFUNDABLE}} No payment of this contract can be refunded now.{{/NO_REFUNDABLE}}</li>
<li>You can't undo ending a contract. {{OTHER}} will be notified.</li>
</ul>
{{#HAS_REFUNDABLE}}
<div class="table-wrap">
<table class="stack-table">
<caption>Payments that can still be refunded</caption>
<thead><tr><th scope="col">Paid</th><th scope="col">Amount</th><th scope="col">Left to refund</th><th scope="col">Refundable until</th><th scope="col">Memo</th></tr></thead>
<tbody>
{{#REFUNDABLE}}<tr><td data-label="Paid">{{PAID_AT}}</td><td data-label="Amount" class="money">{{PAID}}</td><td data-label="Left to refund" class="money">{{LEFT}}</td><td data-label="Refundable until">{{UNTIL}}</td><td data-label="Memo">{{MEMO}}</td></tr>{{/REFUNDABLE}}
</tbody>
</table>
</div>
{{/HAS_REFUNDABLE}}
</section>

<section class="card still-open" aria-labelledby="still-open">
<h2 id="still-open">Still open, and what comes next</h2>
<ul class="facts">
{{#HOURLY}}{{#LAST_WEEK}}<li>Last week's invoice, {{LAST_HOURS}} ({{LAST_AMOUNT}}), {{#LAST_NOT_YET}}is issued on {{LAST_INVOICE_AT}} and{{/LAST_NOT_YET}}{{#LAST_INVOICED}}was issued on {{LAST_INVOICE_AT}} and{{/LAST_INVOICED}} <strong>can still be disputed until {{LAST_DISPUTE_UNTIL}}</strong>, ended or not: see <a href="/contracts/{{ID}}/billing">Billing</a>.</li>{{/LAST_WEEK}}{{/HOURLY}}
{{#OPEN_DISPUTES}}<li><strong>{{OPEN_TEXT}} waiting for {{#YOU_ANSWER}}your answer{{/YOU_ANSWER}}{{#THEY_ANSWER}}{{OTHER}}'s answer{{/THEY_ANSWER}}</strong>; ending does not close {{#YOU_ANSWER}}them{{/YOU_ANSWER}}{{#THEY_ANSWER}}them{{/THEY_ANSWER}}: see <a href="/contracts/{{ID}}/billing#disputes">Billing</a>.</li>{{/OPEN_DISPUTES}}
{{#OPEN_ESCROW}}<li><strong>An escrow refund request of {{ER_REFUND}}</strong> waits for an answer until {{ER_DUE}}.</li>{{/OPEN_ESCROW}}
{{#AFTER}}
<li><strong>The after-ending checklist:</strong> each side ticks off its own items (access, materials, property) on the contract's <a href="/contracts/{{ID}}/checklist">checklist</a>.</li>
<li><strong>Feedback, double-blind, within 14 days</strong> (if you end now, until {{FEEDBACK_CLOSES}}): neither side sees the other's until both have left theirs or the window closes.</li>
{{/AFTER}}
</ul>
</section>

<section class="card tips" aria-labelledby="before">
<h2 id="before">Before you end it</h2>
<ul>
<li>Talk to {{OTHER}} first: <a href="/contracts/{{ID}}/messages">a message</a> often settles what ending would not.</li>
<li>Discuss the work: what is finished, what is still owed, and what happens to files and access.</li>
{{#HOURLY}}<li>{{#YOU_CLIENT}}Let {{OTHER}} check this week's <a href="/contracts/{{ID}}/diary">Work Diary</a> first{{/YOU_CLIENT}}{{#YOU_FREELANCER}}Check this week's <a href="/contracts/{{ID}}/diary">Work Diary</a> first{{/YOU_FREELANCER}}: once the contract ends, it can no longer be changed.</li>{{/HOURLY}}
</ul>
<p><a href="/help/ending-a-contract">How ending a contract works</a></p>
</section>

<form method="post" action="/contracts/{{ID}}/end" class="stack end-form" id="end-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="reason">Reason for ending</label>
{{#REASON_BAD}}<p class="field-error" id="err-reason">{{MSG}}</p>{{/REASON_BAD}}
<select id="reason" name="reason" required aria-describedby="reason-help{{#REASON_BAD}} err-reason{{/REASON_BAD}}"{{#REASON_BAD}} aria-invalid="true"{{/REASON_BAD}}>
<option value="">Choose a reason…</option>
{{#REASON}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/REASON}}
</select>
<p id="reason-help" class="hint">Recorded on the contract and shown to both sides.</p>
<label for="reason_other">If “Other”: the reason, in a few words</label>
{{#OTHER_BAD}}<p class="field-error" id="err-reason_other">{{MSG}}</p>{{/OTHER_BAD}}
<input id="reason_other" name="reason_other" type="text" maxlength="300" value="{{REASON_OTHER}}"{{#OTHER_BAD}} aria-describedby="err-reason_other" aria-invalid="true"{{/OTHER_BAD}}>
{{#FIXED}}{{#RELEASE}}
<label for="release">Release to {{OTHER}} (dollars)</label>
{{#RELEASE_BAD}}<p class="field-error" id="err-release">{{MSG}}</p>{{/RELEASE_BAD}}
<input id="release" name="release" type="text" inputmode="decimal" required pattern="[0-9]+(\.[0-9]{1,2})?" value="{{RELEASE_VALUE}}" aria-describedby="release-help{{#RELEASE_BAD}} err-release{{/RELEASE_BAD}}"{{#RELEASE_BAD}} aria-invalid="true"{{/RELEASE_BAD}}>
<p id="release-help" class="hint">From 0.00 (release none) to {{RELEASE_MAX}} (release all of the {{ESCROW}}).</p>
{{/RELEASE}}{{/FIXED}}
<div class="actions">
<button type="submit" class="danger">End contract</button>
<a href="/contracts/{{ID}}">Keep the contract</a>
</div>
</form>
