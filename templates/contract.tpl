{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/contracts">All contracts</a></p>
<h1>{{TITLE}}</h1>
<p class="meta"><span class="badge {{STATUS}}">{{STATUS}}</span> · {{TERMS}} · started {{STARTED}} · you are {{YOU_ARE}}</p>
{{#ACTIVE}}<p><a class="button" href="/contracts/{{ID}}/end">End contract</a></p>{{/ACTIVE}}
{{#ENDED}}<p class="note">Ended on {{ENDED_AT}}. Reason: {{END_REASON}}.</p>{{/ENDED}}
<div class="grid">
<section class="card">
<h2>Terms</h2>
<dl>
<dt>Client</dt><dd>{{CLIENT}}</dd>
<dt>Freelancer</dt><dd>{{FREELANCER}}{{#AGENCY}} ({{AGENCY_NAME}}){{/AGENCY}}</dd>
<dt>Terms</dt><dd>{{TERMS}}</dd>
{{#HOURLY}}{{#LIMIT}}<dt>Weekly limit</dt><dd>{{WEEKLY_LIMIT}} hrs</dd>{{/LIMIT}}{{#NO_LIMIT}}<dt>Weekly limit</dt><dd>none</dd>{{/NO_LIMIT}}{{/HOURLY}}
</dl>
</section>
{{#HOURLY}}
<section class="card">
<h2>This week</h2>
<p class="big">{{WEEK_HOURS}} hrs</p>
<p>{{WEEK_AMOUNT}} for the week of {{WEEK_OF}}.</p>
</section>
{{/HOURLY}}
<section class="card">
<h2>Payments</h2>
<dl>
<dt>Payments</dt><dd>{{PAYMENT_COUNT}}</dd>
<dt>Paid</dt><dd>{{PAID}}</dd>
<dt>Refunded</dt><dd>{{REFUNDED}}</dd>
<dt>Net</dt><dd>{{NET_PAID}}</dd>
{{#FIXED}}<dt>Milestones</dt><dd>{{MILESTONES}}</dd><dt>In escrow</dt><dd>{{ESCROW}}</dd><dt>Released</dt><dd>{{RELEASED}}</dd>{{/FIXED}}
</dl>
</section>
</div>
<section>
<h2>Timeline</h2>
{{#NO_EVENTS}}<p class="empty">Nothing has happened on this contract yet.</p>{{/NO_EVENTS}}
<ol class="timeline">
{{#EVENT}}<li><time>{{AT}}</time> <strong>{{KIND}}</strong>{{#ACTOR}}{{/ACTOR}} {{DETAIL}} <span class="by">{{ACTOR}}</span></li>{{/EVENT}}
</ol>
</section>
