{{%AUTOESCAPE context="HTML"}}
<h1>All contracts</h1>
<form method="get" action="/contracts" class="filters" role="search">
<nav class="seg" aria-label="Show">
{{#FILTER}}<a href="{{HREF}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a>
{{/FILTER}}</nav>
<input type="hidden" name="status" value="{{STATUS:x-app}}">
<label for="q" class="sr">Search by title or name</label>
<input id="q" name="q" type="search" value="{{Q}}" maxlength="100" placeholder="Search by title or name">
<label for="sort">Sort by</label>
<select id="sort" name="sort">
{{#SORT}}<option value="{{KEY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/SORT}}</select>
<button type="submit">Search</button>
</form>
{{#COUNT}}<p class="list-count">{{COUNT_TEXT}}, active first</p>{{/COUNT}}
{{#TABLE}}
{{! :x-app marks what the app itself writes (ids, money, dates, counts, fixed words), emitted as it is; never what a user typed, which is escaped. It is :none, without a copy through a modifier (render.cc). }}
<ul class="contracts">
{{#ROW}}
<li class="contract">
<div class="c-main">
<h2><a href="/contracts/{{ID:x-app}}">{{TITLE}}</a></h2>
<p class="meta">{{#HIRED}}You hired <strong>{{OTHER}}</strong>{{/HIRED}}{{#HIRED_AGENCY}}You hired <strong>{{AGENCY_NAME}}</strong> (freelancer: {{OTHER}}){{/HIRED_AGENCY}}{{#WORK_FOR}}You work for <strong>{{OTHER}}</strong>{{/WORK_FOR}}{{#AGENCY_WORKS}}<strong>{{AGENCY_NAME}}</strong> works for <strong>{{OTHER}}</strong>{{/AGENCY_WORKS}} · {{TERMS:x-app}} · started {{STARTED:x-app}}</p>
</div>
<dl class="c-facts">
<div><dt>Status</dt><dd><span class="badge {{STATUS:x-app}}">{{STATUS:x-app}}</span></dd></div>
{{#HOURLY}}<div><dt>This week</dt><dd>{{WEEK_HOURS:x-app}}</dd></div>{{/HOURLY}}
{{#FIXED}}<div><dt>Type</dt><dd>Fixed price</dd></div>{{/FIXED}}
{{#CHECKLIST}}<div><dt>Checklist</dt><dd><a href="/contracts/{{ID:x-app}}/checklist">{{DONE:x-app}}</a></dd></div>{{/CHECKLIST}}
{{#FEEDBACK}}<div><dt>Feedback</dt><dd><a href="/contracts/{{ID:x-app}}/feedback">{{FB_TEXT:x-app}}</a>{{#FB_VISIBLE}} · theirs <span class="stars" aria-hidden="true">{{FB_STARS:x-app}}</span> {{FB_SCORE:x-app}}<span class="sr"> out of 5</span>{{/FB_VISIBLE}}</dd></div>{{/FEEDBACK}}
</dl>
<div class="c-actions">
{{#CAN_END}}<a class="button" href="/contracts/{{ID:x-app}}/end">End contract</a>{{/CAN_END}}
{{#OPTIONS}}
<details class="menu">
<summary aria-label="Options for {{TITLE}}">…</summary>
<ul>
{{#CAN_END}}<li><a href="/contracts/{{ID:x-app}}/end">End contract</a></li>{{/CAN_END}}
{{#CAN_FEEDBACK}}<li><a href="/contracts/{{ID:x-app}}/feedback">Give feedback</a></li>{{/CAN_FEEDBACK}}
{{#CAN_REFUND}}<li><a href="/contracts/{{ID:x-app}}/payments">Give refund</a></li>{{/CAN_REFUND}}
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
{{#EMPTY_PAGE}}<p class="empty">There are no more contracts. <a href="{{FIRST_HREF}}">Go to the first page</a>.</p>{{/EMPTY_PAGE}}
{{#PAGING}}
<nav class="paging" aria-label="Pages">
{{#PREV}}<a rel="prev" href="{{HREF}}">← Previous</a>{{/PREV}}
<ol class="pages">
{{#NUM}}<li>{{#GAP}}…{{/GAP}}{{#CURRENT}}<span aria-current="page">{{N}}</span>{{/CURRENT}}{{#LINK}}<a href="{{HREF}}">{{N}}</a>{{/LINK}}</li>
{{/NUM}}</ol>
{{#NEXT}}<a rel="next" href="{{HREF}}">Next →</a>{{/NEXT}}
</nav>
{{/PAGING}}
