{{%AUTOESCAPE context="HTML"}}
<div class="error-box" role="alert" id="form-errors" tabindex="-1" autofocus>
<h2>{{HEADING}}</h2>
<ul>
{{#ERR}}<li><a href="#{{FOR}}">{{MSG}}</a></li>
{{/ERR}}</ul>
</div>
