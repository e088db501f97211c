{{%AUTOESCAPE context="HTML"}}
<h1>All contracts</h1>
<form method="get" action="/contracts" class="filters" role="search">
<fieldset class="seg">
<legend class="sr">Show</legend>
<a href="/contracts?status=active"{{#F_ACTIVE}} aria-current="page"{{/F_ACTIVE}}>Active</a>
<a href="/contracts?status=ended"{{#F_ENDED}} aria-current="page"{{/F_ENDED}}>Ended</a>
<a href="/contracts?status=all"{{#F_ALL}} aria-current="page"{{/F_ALL}}>All</a>
</fieldset>
<input type="hidden" name="status" value="{{STATUS:none}}">
<label for="q" class="sr">Search by title or name</label>
<input id="q" name="q" type="search" value="{{Q}}" maxlength="100" placeholder="Search by title or name">
<button type="submit">Search</button>
</form>
{{#TABLE}}
{{! In the rows, :none marks what the app itself writes (ids, money, dates, counts, fixed words), never what a user typed: that is escaped. }}
<ul class="contracts">
{{#ROW}}
<li class="contract">
<div class="c-main">
<h2><a href="/contracts/{{ID:none}}">{{TITLE}}</a></h2>
<p class="meta">{{ROLE:none}} <strong>{{OTHER}}</strong>{{#AGENCY}} ({{AGENCY_NAME}}){{/AGENCY}} · {{TERMS:none}} · started {{STARTED:none}}</p>
</div>
<dl class="c-facts">
<div><dt>Status</dt><dd><span class="badge {{STATUS:none}}">{{STATUS:none}}</span></dd></div>
{{#HOURLY}}<div><dt>This week</dt><dd>{{WEEK_HOURS:none}}</dd></div>{{/HOURLY}}
{{#FIXED}}<div><dt>Type</dt><dd>Fixed price</dd></div>{{/FIXED}}
{{#CHECKLIST}}<div><dt>Checklist</dt><dd><a href="/contracts/{{ID:none}}/checklist">{{DONE:none}}</a></dd></div>{{/CHECKLIST}}
{{#FEEDBACK}}<div><dt>Feedback</dt><dd><a href="/contracts/{{ID:none}}/feedback">{{FB_TEXT:none}}</a>{{#FB_VISIBLE}} · theirs <span class="stars" aria-hidden="true">{{FB_STARS:none}}</span> {{FB_SCORE:none}}<span class="sr"> out of 5</span>{{/FB_VISIBLE}}</dd></div>{{/FEEDBACK}}
</dl>
<div class="c-actions">
{{#CAN_END}}<a class="button" href="/contracts/{{ID:none}}/end">End contract</a>{{/CAN_END}}
{{#OPTIONS}}
<details class="menu">
<summary aria-label="Options for {{TITLE}}">…</summary>
<ul>
{{#CAN_END}}<li><a href="/contracts/{{ID:none}}/end">End contract</a></li>{{/CAN_END}}
{{#CAN_FEEDBACK}}<li><a href="/contracts/{{ID:none}}/feedback">Give feedback</a></li>{{/CAN_FEEDBACK}}
{{#CAN_REFUND}}<li><a href="/contracts/{{ID:none}}/payments">Give refund</a></li>{{/CAN_REFUND}}
<li><a href="/contracts/{{ID:none}}">View contract</a></li>
</ul>
</details>
{{/OPTIONS}}
</div>
</li>
{{/ROW}}
</ul>
{{/TABLE}}
{{#EMPTY_ALL}}<p class="empty">You have no contracts yet. When you hire someone or are hired, the contract shows up here.</p>{{/EMPTY_ALL}}
{{#EMPTY_ACTIVE}}<p class="empty">No active contracts. <a href="/contracts?status=ended">See your ended contracts</a>.</p>{{/EMPTY_ACTIVE}}
{{#EMPTY_ENDED}}<p class="empty">No ended contracts. Contracts you end show up here, with their checklist and feedback.</p>{{/EMPTY_ENDED}}
{{#EMPTY_SEARCH}}<p class="empty">No contracts match “{{Q}}”. Try part of the title or of the other side's name, or <a href="/contracts?status=all">show all contracts</a>.</p>{{/EMPTY_SEARCH}}
{{#EMPTY_PAGE}}<p class="empty">There are no more contracts. <a href="/contracts?status={{STATUS:none}}">Go to the first page</a>.</p>{{/EMPTY_PAGE}}
{{#PAGING}}
<nav class="paging" aria-label="Pages">
{{#PREV}}<a rel="prev" href="/contracts?status={{STATUS:none}}&amp;q={{Q:u}}&amp;page={{PREV_PAGE}}">← Newer</a>{{/PREV}}
<span>Page {{PAGE}}</span>
{{#NEXT}}<a rel="next" href="/contracts?status={{STATUS:none}}&amp;q={{Q:u}}&amp;page={{NEXT_PAGE}}">Older →</a>{{/NEXT}}
</nav>
{{/PAGING}}
