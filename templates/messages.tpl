{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/contracts">All contracts</a> › <a href="/contracts/{{ID}}">{{TITLE}}</a></p>
<h1>Messages</h1>
<p class="meta">{{TITLE}} · with {{OTHER}}{{#ENDED}} · the contract has ended; you can still write{{/ENDED}}</p>
{{#UNREAD_THREAD}}
<form method="post" action="/contracts/{{ID}}/messages/read" class="inline unread-bar">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p>{{UNREAD_COUNT}} new {{UNREAD_WORD}} since you last read this thread. <button type="submit" class="link">Mark as read</button></p>
</form>
{{/UNREAD_THREAD}}
{{#OLDER}}<p><a href="/contracts/{{ID}}/messages?before={{BEFORE}}">Older messages</a></p>{{/OLDER}}
{{#NO_MESSAGES}}<p class="empty">No messages yet. Write the first one below.</p>{{/NO_MESSAGES}}
{{#HAS_MESSAGES}}
<ol class="thread">
{{#MESSAGE}}
<li class="message {{CLASS}}" id="m{{MID}}">
<p class="meta"><strong>{{AUTHOR}}</strong>{{#MINE}} <span class="sr">(you)</span>{{/MINE}} · <time datetime="{{AT_ISO}}">{{AT}}</time>{{#NEW}} <span class="badge new">new</span>{{/NEW}}</p>
<div class="text">{{TEXT:pre_escape}}</div>
</li>
{{/MESSAGE}}
</ol>
{{/HAS_MESSAGES}}
{{#NEWER}}<p><a href="/contracts/{{ID}}/messages">Newest messages</a></p>{{/NEWER}}
<form method="post" action="/contracts/{{ID}}/messages" class="stack message-form" id="write">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#BODY_ERROR}}
<div class="error-box" role="alert">
<p>Your message was not sent.</p>
<ul><li><a href="#body">{{MSG}}</a></li></ul>
</div>
{{/BODY_ERROR}}
<label for="body">Write to {{OTHER}} <span class="hint">(up to {{BODY_MAX_TEXT}} characters; they are told by notification and email)</span></label>
{{#BODY_ERROR}}<p class="field-error" id="err-body">{{MSG}}</p>{{/BODY_ERROR}}
<textarea id="body" name="body" rows="5" maxlength="{{BODY_MAX}}" required{{#BODY_INVALID}} aria-describedby="err-body" aria-invalid="true"{{/BODY_INVALID}}>{{BODY_VALUE:pre_escape}}</textarea>
<button type="submit" class="primary">Send</button>
</form>
