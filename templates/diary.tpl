{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/contracts">All contracts</a> › <a href="/contracts/{{ID}}">{{TITLE}}</a></p>
<h1>Work Diary</h1>
<p class="meta">{{TITLE}} · {{TERMS}}</p>
{{#FIXED}}<p class="empty">This is a fixed-price contract: it is paid by milestone and has no Work Diary. See <a href="/contracts/{{ID}}/payments">payments</a>.</p>{{/FIXED}}
{{#HOURLY}}
{{>FORM_ERRORS}}
<nav class="weeknav" aria-label="Weeks">
{{#PREV}}<a rel="prev" href="/contracts/{{ID}}/diary?week={{PREV_WEEK}}">← Previous week</a>{{/PREV}}
<h2 class="week-title">{{WEEK_FROM}} – {{WEEK_TO}}</h2>
{{#NEXT}}<a rel="next" href="/contracts/{{ID}}/diary?week={{NEXT_WEEK}}">Next week →</a>{{/NEXT}}
{{#NOT_CURRENT}}<a href="/contracts/{{ID}}/diary">This week</a>{{/NOT_CURRENT}}
</nav>
<p class="meta">Download as CSV: <a href="/contracts/{{ID}}/diary.csv?from={{CSV_FROM}}&amp;to={{CSV_TO}}" download>this week</a> · <a href="/contracts/{{ID}}/diary.csv" download>every week</a></p>
{{#UNDO}}<form method="post" action="/contracts/{{ID}}/diary" class="note undo" role="status">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="date" value="{{UNDO_DATE}}">
<input type="hidden" name="minutes" value="{{UNDO_MINUTES}}">
<input type="hidden" name="memo" value="{{UNDO_MEMO}}">
<p>Entry deleted ({{UNDO_WHAT}}) — <button type="submit" class="link">Undo</button></p>
</form>{{/UNDO}}
{{#LOCKED}}<p class="note" role="status">{{LOCKED_MSG}}</p>{{/LOCKED}}
{{#OPEN}}<p class="hint">{{#OPEN_YOU}}You can change this week until {{OPEN_UNTIL}}.{{/OPEN_YOU}}{{#OPEN_THEM}}{{FREELANCER}} can change this week until {{OPEN_UNTIL}}.{{/OPEN_THEM}}</p>{{/OPEN}}
{{#CLOSED}}<p class="hint">This week is closed: it could be changed until {{CLOSED_AT}}.</p>{{/CLOSED}}
{{#CLIENT_NOTE}}<p class="hint">Only the freelancer side logs hours. Billed hours can be disputed during their review period on <a href="/contracts/{{ID}}/billing">Billing</a>.</p>{{/CLIENT_NOTE}}
<dl class="totals">
<div><dt>Logged</dt><dd>{{WEEK_HOURS}}</dd></div>
<div><dt>Billed</dt><dd>{{BILLABLE_HOURS}}, {{WEEK_AMOUNT}}</dd></div>
<div><dt>Weekly limit</dt><dd>{{#LIMIT}}{{WEEKLY_LIMIT}} hrs{{/LIMIT}}{{#NO_LIMIT}}none{{/NO_LIMIT}}</dd></div>
</dl>
{{#OVER}}<p class="note">Over the weekly limit, not billed: {{OVER_HOURS}}.</p>{{/OVER}}
<div class="table-wrap">
<table class="diary">
<caption class="sr">Hours logged from {{WEEK_FROM}} to {{WEEK_TO}}</caption>
<thead><tr><th scope="col">Hours</th><th scope="col">Memo</th><th scope="col"><span class="sr">Changes</span></th></tr></thead>
{{#DAY}}
<tbody>
<tr class="day"><th scope="rowgroup" colspan="3">{{DAY_LABEL}} <span class="day-total">{{DAY_HOURS}}</span></th></tr>
{{#ENTRY}}
<tr>
<td>{{HOURS}} <span class="muted">({{MINUTES}} min)</span></td>
<td>{{MEMO}}</td>
<td>{{#EDIT}}
<details class="edit"{{#EDIT_OPEN}} open{{/EDIT_OPEN}}>
<summary>Edit</summary>
<form method="post" action="/contracts/{{ID}}/diary/{{EID}}" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="d-{{EID}}">Date</label>
{{#DATE_BAD}}<p class="field-error" id="err-d-{{EID}}">{{MSG}}</p>{{/DATE_BAD}}
<select id="d-{{EID}}" name="date"{{#DATE_BAD}} aria-describedby="err-d-{{EID}}" aria-invalid="true"{{/DATE_BAD}}>{{#EDIT_DAY}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/EDIT_DAY}}</select>
<label for="m-{{EID}}">Minutes</label>
{{#MINUTES_BAD}}<p class="field-error" id="err-m-{{EID}}">{{MSG}}</p>{{/MINUTES_BAD}}
<input id="m-{{EID}}" name="minutes" type="number" min="1" max="1440" required value="{{MINUTES}}"{{#MINUTES_BAD}} aria-describedby="err-m-{{EID}}" aria-invalid="true"{{/MINUTES_BAD}}>
<label for="t-{{EID}}">Memo</label>
{{#MEMO_BAD}}<p class="field-error" id="err-t-{{EID}}">{{MSG}}</p>{{/MEMO_BAD}}
<input id="t-{{EID}}" name="memo" type="text" maxlength="1000" value="{{MEMO}}"{{#MEMO_BAD}} aria-describedby="err-t-{{EID}}" aria-invalid="true"{{/MEMO_BAD}}>
<button type="submit">Save</button>
</form>
</details>
<form method="post" action="/contracts/{{ID}}/diary/{{EID}}/delete" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="link">Delete<span class="sr"> {{HOURS_SPOKEN}} on {{DAY_LABEL}}</span></button>
</form>
{{/EDIT}}</td>
</tr>
{{/ENTRY}}
{{#NO_ENTRY}}<tr><td colspan="3" class="muted">No hours logged</td></tr>{{/NO_ENTRY}}
</tbody>
{{/DAY}}
</table>
</div>
{{#ADD}}
<form method="post" action="/contracts/{{ID}}/diary" class="stack card add-hours">
<h2>Log hours</h2>
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="add-date">Date</label>
{{#DATE_BAD}}<p class="field-error" id="err-add-date">{{MSG}}</p>{{/DATE_BAD}}
<select id="add-date" name="date"{{#DATE_BAD}} aria-describedby="err-add-date" aria-invalid="true"{{/DATE_BAD}}>{{#ADD_DAY}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ADD_DAY}}</select>
<label for="add-minutes">Minutes</label>
{{#MINUTES_BAD}}<p class="field-error" id="err-add-minutes">{{MSG}}</p>{{/MINUTES_BAD}}
<input id="add-minutes" name="minutes" type="number" min="1" max="1440" required value="{{MINUTES}}" aria-describedby="add-minutes-help{{#MINUTES_BAD}} err-add-minutes{{/MINUTES_BAD}}"{{#MINUTES_BAD}} aria-invalid="true"{{/MINUTES_BAD}}>
<p id="add-minutes-help" class="hint">For example 90 for an hour and a half.</p>
<label for="add-memo">Memo</label>
{{#MEMO_BAD}}<p class="field-error" id="err-add-memo">{{MSG}}</p>{{/MEMO_BAD}}
<input id="add-memo" name="memo" type="text" maxlength="1000" value="{{MEMO}}"{{#MEMO_BAD}} aria-describedby="err-add-memo" aria-invalid="true"{{/MEMO_BAD}}>
<button type="submit" class="primary">Add to the Work Diary</button>
</form>
{{/ADD}}
{{/HOURLY}}
