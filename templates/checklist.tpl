{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/contracts">All contracts</a> › <a href="/contracts/{{ID}}">{{CONTRACT_TITLE}}</a></p>
<h1>After-ending checklist</h1>
<p class="meta">Your items as {{ROLE}}. Each tick is saved with its time.</p>
{{#NOT_ENDED}}<p class="note">This contract is still active. Read the list to prepare: you can tick items once the contract has ended.</p>{{/NOT_ENDED}}
<p class="progress"><strong>{{PROGRESS}}</strong> <progress value="{{DONE}}" max="{{TOTAL}}" aria-label="Checklist progress">{{PROGRESS}}</progress></p>
{{#REMINDED}}<p class="note">The client reminded you on {{REMINDED_AT}} to remove their property from your equipment.</p>{{/REMINDED}}
<ol class="checklist">
{{#ITEM}}
<li class="check{{#DONE_ITEM}} is-done{{/DONE_ITEM}}" id="item-{{KEY}}">
<div class="check-text">
<p class="check-label" id="label-{{KEY}}"><span class="check-mark" aria-hidden="true">{{#DONE_ITEM}}✓{{/DONE_ITEM}}{{#OPEN_ITEM}}○{{/OPEN_ITEM}}</span> {{LABEL}}</p>
<p class="hint">{{HINT}}</p>
<p class="check-state">{{#DONE_ITEM}}Done {{DONE_AT}} by {{DONE_BY}}{{/DONE_ITEM}}{{#OPEN_ITEM}}Not done{{/OPEN_ITEM}}</p>
</div>
<div class="check-actions">
{{#CAN_TICK}}
<form method="post" action="/contracts/{{ID}}/checklist">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="item" value="{{KEY}}">
<input type="hidden" name="done" value="1">
<button type="submit" aria-describedby="label-{{KEY}}">Mark as done</button>
</form>
{{/CAN_TICK}}
{{#CAN_UNTICK}}
<form method="post" action="/contracts/{{ID}}/checklist">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="item" value="{{KEY}}">
<input type="hidden" name="done" value="0">
<button type="submit" class="link" aria-describedby="label-{{KEY}}">Mark as not done</button>
</form>
{{/CAN_UNTICK}}
{{#CAN_REMIND}}
<form method="post" action="/contracts/{{ID}}/checklist/remind">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="primary">Send reminder to {{OTHER}}</button>
</form>
{{/CAN_REMIND}}
</div>
</li>
{{/ITEM}}
</ol>
<p class="meta">{{OTHER}}'s own checklist: {{OTHER_PROGRESS}}.</p>
{{#FEEDBACK_DUE}}<p class="note">Next: <a href="/contracts/{{ID}}/feedback">leave feedback for {{OTHER}}</a>. You can until {{CLOSES}}; it stays hidden from them until they leave theirs or the window closes.</p>{{/FEEDBACK_DUE}}
<p><a href="/contracts/{{ID}}/feedback">Feedback</a> · <a href="/help/ending-a-contract#checklist">How the checklist works</a></p>
