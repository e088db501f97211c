{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/contracts">All contracts</a> › <a href="/contracts/{{ID}}">{{TITLE}}</a></p>
<h1>End contract</h1>
<p class="meta">{{TITLE}} · {{TERMS}} · with {{OTHER}}</p>

<section class="card end-facts" aria-labelledby="what-happens">
<h2 id="what-happens">What ending this contract means</h2>
<ul class="facts">
{{#HOURLY}}
{{#WEEK_LOGGED}}<li><strong>This week's hours will be billed:</strong> {{WEEK_HOURS}} {{WEEK_HOURS_NOUN}}, {{WEEK_AMOUNT}}, logged in the week of {{WEEK_OF}}.</li>{{/WEEK_LOGGED}}
{{#WEEK_EMPTY}}<li><strong>No hours are logged this week</strong> (the week of {{WEEK_OF}}), so nothing more will be billed for it.</li>{{/WEEK_EMPTY}}
{{#OVER}}<li>{{OVER_HOURS}} {{OVER_HOURS_NOUN}} logged over the {{LIMIT}}-hour weekly limit are not billed.</li>{{/OVER}}
<li>The client is invoiced on <strong>{{INVOICE_AT}}</strong>. The last day to dispute these hours is <strong>{{LAST_DISPUTE_DAY}}</strong> (until 23:59 UTC); the freelancer's funds become available on {{AVAILABLE_AT}}.</li>
{{#LAST_WEEK}}<li>Last week's {{LAST_HOURS}} hours ({{LAST_AMOUNT}}) are invoiced on {{LAST_INVOICE_AT}} and can be disputed until {{LAST_DISPUTE_DAY}}.</li>{{/LAST_WEEK}}
<li><strong>The Work Diary locks at once:</strong> no hours can be added, changed or deleted after the end.</li>
{{/HOURLY}}
{{#FIXED}}
{{#NO_ESCROW}}<li>Nothing is in escrow for this contract.</li>{{/NO_ESCROW}}
{{#RETURN}}<li><strong>The {{ESCROW}} in escrow goes back to the client</strong> when you end the contract.</li>{{/RETURN}}
{{#RELEASE}}<li><strong>{{ESCROW}} is in escrow.</strong> Below, choose how much of it to release to the freelancer: all, part or none. If you release less than all, the freelancer has 7 days (until {{ANSWER_DUE}}) to accept or decline giving the rest back; no answer counts as accepted.</li>{{/RELEASE}}
{{/FIXED}}
<li><strong>Refunds stay possible</strong> for payments made in the past 180 days.{{#NO_REFUNDABLE}} No payment of this contract can be refunded now.{{/NO_REFUNDABLE}}</li>
<li>You can't undo ending a contract. {{OTHER}} will be notified.</li>
</ul>
{{#HAS_REFUNDABLE}}
<div class="table-wrap">
<table>
<caption>Payments that can still be refunded</caption>
<thead><tr><th scope="col">Paid</th><th scope="col">Amount</th><th scope="col">Left to refund</th><th scope="col">Refundable until</th><th scope="col">Memo</th></tr></thead>
<tbody>
{{#REFUNDABLE}}<tr><td>{{PAID_AT}}</td><td>{{PAID}}</td><td>{{LEFT}}</td><td>{{UNTIL}}</td><td>{{MEMO}}</td></tr>{{/REFUNDABLE}}
</tbody>
</table>
</div>
{{/HAS_REFUNDABLE}}
</section>

<section class="card tips" aria-labelledby="before">
<h2 id="before">Before you end it</h2>
<ul>
<li>Talk to {{OTHER}} first: <a href="/contracts/{{ID}}/messages">a message</a> often settles what ending would not.</li>
<li>Discuss the work: what is finished, what is still owed, and what happens to files and access.</li>
{{#HOURLY}}<li>Let the freelancer check this week's <a href="/contracts/{{ID}}/diary">Work Diary</a> first: once the contract ends, it can no longer be changed.</li>{{/HOURLY}}
</ul>
<p><a href="/help/ending-a-contract">How ending a contract works</a></p>
</section>

<form method="post" action="/contracts/{{ID}}/end" class="stack end-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="reason">Reason for ending</label>
<select id="reason" name="reason" required aria-describedby="reason-help">
<option value="">Choose a reason…</option>
{{#REASON}}<option value="{{KEY}}">{{TEXT}}</option>{{/REASON}}
</select>
<p id="reason-help" class="hint">Recorded on the contract and shown to both sides.</p>
<label for="reason_other">If “Other”: the reason, in a few words</label>
<input id="reason_other" name="reason_other" type="text" maxlength="300">
{{#FIXED}}{{#RELEASE}}
<label for="release">Release to the freelancer (dollars)</label>
<input id="release" name="release" type="text" inputmode="decimal" required pattern="[0-9]+(\.[0-9]{1,2})?" value="{{RELEASE_VALUE}}" aria-describedby="release-help">
<p id="release-help" class="hint">From 0.00 (release none) to {{RELEASE_MAX}} (release all of the {{ESCROW}}).</p>
{{/RELEASE}}{{/FIXED}}
<div class="actions">
<button type="submit" class="danger">End contract</button>
<a href="/contracts/{{ID}}">Keep the contract</a>
</div>
</form>
