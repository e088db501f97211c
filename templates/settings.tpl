{{%AUTOESCAPE context="HTML"}}
<h1>Settings</h1>
<section class="card settings" aria-labelledby="zone-h">
<h2 id="zone-h">Time zone</h2>
<p class="hint">Pages show times in your time zone; deadlines show their UTC time as well. The rules of the marketplace run in UTC.</p>
{{#ZONE_ERROR}}<p class="error-box" role="alert" id="zone-error">{{ZONE_ERROR_TEXT}}</p>{{/ZONE_ERROR}}
<form method="post" action="/settings" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="timezone">Your time zone</label>
<select id="timezone" name="timezone" aria-describedby="zone-now"{{#ZONE_INVALID}} aria-invalid="true"{{/ZONE_INVALID}}>
{{#ZONE_OPTION}}<option{{#SELECTED}} selected{{/SELECTED}}>{{ZONE_NAME}}</option>
{{/ZONE_OPTION}}</select>
<p class="hint" id="zone-now">Now: {{ZONE_NOW}}.</p>
<button type="submit">Save time zone</button>
</form>
</section>
<section class="card settings" aria-labelledby="sessions-h">
<h2 id="sessions-h">Sessions</h2>
<p class="hint">Where you are signed in. A session ends after {{IDLE_HOURS}} hours without use, {{LIFETIME_DAYS}} days after sign-in, or when you sign out.</p>
<table class="sessions">
<thead><tr><th scope="col">Browser</th><th scope="col">Signed in</th><th scope="col">Last seen</th></tr></thead>
<tbody>
{{#SESSION}}
<tr{{#CURRENT}} class="current"{{/CURRENT}}>
<td>{{AGENT}}{{#CURRENT}} <span class="badge active">this session</span>{{/CURRENT}}</td>
<td><time datetime="{{STARTED_ISO}}">{{STARTED}}</time></td>
<td><time datetime="{{SEEN_ISO}}">{{SEEN}}</time></td>
</tr>
{{/SESSION}}
</tbody>
</table>
{{#OTHERS}}
<form method="post" action="/settings/sessions/revoke">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">Sign out all other sessions ({{OTHER_COUNT}})</button>
</form>
{{/OTHERS}}
{{#ALONE}}<p>This is your only session.</p>{{/ALONE}}
</section>
<section class="card settings" aria-labelledby="email-h">
<h2 id="email-h">Email</h2>
<p class="hint">Every notification is listed under Notifications. Choose which also come to you by email.</p>
{{#EMAIL_ERROR}}<p class="error-box" role="alert" id="email-error">{{EMAIL_ERROR_TEXT}}</p>{{/EMAIL_ERROR}}
<form method="post" action="/settings">
<input type="hidden" name="csrf" value="{{CSRF}}">
<table class="email-kinds">
<thead><tr><th scope="col">Notification</th><th scope="col">Email</th><th scope="col">No email</th></tr></thead>
<tbody>
{{#KIND}}
<tr>
<th scope="row">{{LABEL}}</th>
<td><input type="radio" name="email_{{KEY}}" value="1" aria-label="{{LABEL}}: email"{{#ON}} checked{{/ON}}></td>
<td><input type="radio" name="email_{{KEY}}" value="0" aria-label="{{LABEL}}: no email"{{#OFF}} checked{{/OFF}}></td>
</tr>
{{/KIND}}
</tbody>
</table>
<button type="submit">Save email settings</button>
</form>
</section>
