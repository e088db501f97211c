{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/contracts">All contracts</a> › <a href="/contracts/{{ID}}">{{CONTRACT_TITLE}}</a></p>
<h1>{{HEADING}}</h1>
<section class="card confirm" aria-labelledby="confirm-what">
<h2 id="confirm-what">{{QUESTION}}</h2>
<ul class="facts">
{{#FACT}}<li>{{TEXT}}</li>
{{/FACT}}</ul>
<form method="post" action="{{ACTION}}" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#FIELD}}<input type="hidden" name="{{NAME}}" value="{{VALUE}}">
{{/FIELD}}<input type="hidden" name="confirm" value="1">
<div class="actions">
<button type="submit" class="{{BUTTON_CLASS}}">{{BUTTON}}</button>
<a href="{{BACK}}">{{BACK_LABEL}}</a>
</div>
</form>
</section>
