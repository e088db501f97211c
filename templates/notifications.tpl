{{%AUTOESCAPE context="HTML"}}
<h1>Notifications</h1>
{{#MARK_ALL}}
<form method="post" action="/notifications/read" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">Mark all as read</button>
</form>
{{/MARK_ALL}}
{{#EMPTY}}<p class="empty">No notifications yet. When the other side of a contract ends it, gives a refund, disputes hours or answers you, it shows up here.</p>{{/EMPTY}}
{{#EMPTY_PAGE}}<p class="empty">There are no more notifications. <a href="/notifications">Go to the newest</a>.</p>{{/EMPTY_PAGE}}
{{#LIST}}
<ol class="notes">
{{#NOTE}}
<li class="card note-item {{STATE_CLASS}}">
<p class="note-head">{{#UNREAD_NOTE}}<span class="badge new">new</span> {{/UNREAD_NOTE}}<strong>{{KIND}}</strong> · <time datetime="{{AT_ISO}}">{{AT}}</time>{{#CONTRACT}} · {{CTITLE}}{{/CONTRACT}}</p>
<p>{{BODY}}</p>
{{#CONTRACT}}<p class="note-go"><a href="{{HREF}}">{{CTITLE}}: go to {{WHERE}}</a></p>{{/CONTRACT}}
</li>
{{/NOTE}}
</ol>
{{/LIST}}
{{#PAGING}}
<nav class="paging" aria-label="Pages">
{{#PREV}}<a rel="prev" href="/notifications?page={{PREV_PAGE}}">← Newer</a>{{/PREV}}
<span>Page {{PAGE}}</span>
{{#NEXT}}<a rel="next" href="/notifications?page={{NEXT_PAGE}}">Older →</a>{{/NEXT}}
</nav>
{{/PAGING}}
