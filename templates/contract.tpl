{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/contracts">All contracts</a></p>
<h1>{{TITLE}}</h1>
<p class="meta"><span class="badge {{STATUS}}">{{STATUS}}</span> · {{TERMS}} · started {{STARTED}} · you are {{YOU_ARE}}</p>
{{#ACTIVE}}<p><a class="button" href="/contracts/{{ID}}/end">End contract</a></p>{{/ACTIVE}}
{{#ENDED}}<p class="note">Ended on {{ENDED_AT}}. Reason: {{END_REASON}}.</p>{{/ENDED}}
{{! ---- ending and what it settles (page-end.c) ---- }}
{{#ENDING}}
<nav class="subnav" aria-label="This contract">
<ul>
{{#HOURLY_LINKS}}<li><a href="/contracts/{{ID}}/diary">Work Diary</a></li>
<li><a href="/contracts/{{ID}}/billing">Billing and disputes</a></li>{{/HOURLY_LINKS}}
<li><a href="/contracts/{{ID}}/payments">Payments and refunds</a></li>
<li><a href="/contracts/{{ID}}/messages">Messages{{#THREAD_UNREAD}} <span class="count">{{THREAD_UNREAD_COUNT}}<span class="sr"> unread</span></span>{{/THREAD_UNREAD}}</a></li>
</ul>
</nav>
{{#OPEN_DISPUTES}}<p class="note">{{OPEN_COUNT}} {{OPEN_WORD}} waiting for {{OPEN_WHO}}: see <a href="/contracts/{{ID}}/billing">Billing</a>.</p>{{/OPEN_DISPUTES}}
{{#ESCROW_REQUEST}}
<section class="card escrow-request" aria-labelledby="escrow-h">
<h2 id="escrow-h">Escrow refund request</h2>
<p>When the contract ended on {{ER_REQUESTED}}, {{#ER_YOU}}you released {{ER_RELEASED}} of the escrow to {{FREELANCER}} and asked for {{ER_REFUND}} back{{/ER_YOU}}{{#ER_THEM}}{{CLIENT}} released {{ER_RELEASED}} of the escrow to you and asked for {{ER_REFUND}} back{{/ER_THEM}}.</p>
<p>Status: <strong>{{ER_STATE}}</strong>{{#ER_DECIDED}} ({{ER_DECIDED_ON}}){{/ER_DECIDED}}.</p>
{{#ER_WAITING}}<p>{{FREELANCER}} has until {{ER_DUE}} to accept or decline; with no answer by then, it counts as accepted.</p>{{/ER_WAITING}}
{{#ER_ANSWER}}
<p>Answer by {{ER_DUE}}. If you accept, {{ER_REFUND}} goes back to {{CLIENT}}. You confirm on the next page. If you decline, the contract becomes disputed and the marketplace reviews it. With no answer by then, it counts as accepted.</p>
<form method="post" action="/contracts/{{ID}}/escrow" class="inline actions">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" name="decision" value="accept" class="primary">Accept: return {{ER_REFUND}}</button>
<button type="submit" name="decision" value="decline">Decline</button>
</form>
{{/ER_ANSWER}}
</section>
{{/ESCROW_REQUEST}}
{{/ENDING}}
{{! ---- /ending ---- }}
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
{{#THIS_WEEK}}<h2>This week</h2>
<p class="big">{{WEEK_HOURS}}</p>
<p>{{WEEK_AMOUNT}} for the week of {{WEEK_OF}}.</p>{{/THIS_WEEK}}
{{#LAST_WEEK_WORKED}}<h2>The week it ended</h2>
<p class="big">{{WEEK_HOURS}}</p>
<p>{{WEEK_AMOUNT}} for the week of {{WEEK_OF}}. The Work Diary is locked.</p>{{/LAST_WEEK_WORKED}}
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
{{#AFTER}}
<section class="card after" aria-labelledby="after-h">
<h2 id="after-h">After the end</h2>
<dl>
<dt>Your checklist</dt><dd><a href="/contracts/{{ID}}/checklist">{{CHECKLIST_DONE}}</a></dd>
<dt>Your feedback</dt><dd>{{#MINE_LEFT}}Left on {{LEFT_ON}}{{/MINE_LEFT}}{{#MINE_OPEN}}Not left yet: <a href="/contracts/{{ID}}/feedback">give feedback</a> until {{CLOSES}}{{/MINE_OPEN}}{{#MINE_MISSED}}Not left; the window closed on {{CLOSES}}{{/MINE_MISSED}}</dd>
<dt>{{OTHER}}'s feedback</dt><dd>{{#THEIRS}}<span class="stars" aria-hidden="true">{{OVERALL_STARS}}</span> {{OVERALL}} out of 5{{#COMMENT}}: “{{TEXT}}”{{/COMMENT}}{{/THEIRS}}{{#THEIRS_HIDDEN}}Left; you will see it once you leave yours, or when the window closes{{/THEIRS_HIDDEN}}{{#THEIRS_NONE}}Not left{{/THEIRS_NONE}}</dd>
</dl>
<p><a href="/contracts/{{ID}}/checklist">Checklist</a> · <a href="/contracts/{{ID}}/feedback">Feedback</a></p>
</section>
{{/AFTER}}
{{#AFTER_PREPARE}}<p class="meta after-prepare">When this contract ends: <a href="/contracts/{{ID}}/checklist">the after-ending checklist</a> and <a href="/help/ending-a-contract">how ending works</a>.</p>{{/AFTER_PREPARE}}
<section>
<h2>Timeline</h2>
{{#NO_EVENTS}}<p class="empty">Nothing has happened on this contract yet.</p>{{/NO_EVENTS}}
<ol class="timeline">
{{#EVENT}}<li><time datetime="{{AT_ISO}}">{{AT}}</time> <strong>{{KIND}}</strong>{{#ACTOR}}{{/ACTOR}} {{DETAIL}} <span class="by">{{ACTOR}}</span></li>{{/EVENT}}
</ol>
</section>
