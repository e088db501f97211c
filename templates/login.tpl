{{%AUTOESCAPE context="HTML"}}
<section class="narrow">
<h1>Sign in</h1>
{{#ERROR}}<p class="error-box" id="login-error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
<form method="post" action="/login" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="{{EMAIL}}"{{#ERROR}} aria-describedby="login-error" aria-invalid="true"{{/ERROR}}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"{{#ERROR}} aria-describedby="login-error" aria-invalid="true"{{/ERROR}}>
<button type="submit" class="primary">Sign in</button>
</form>
</section>
