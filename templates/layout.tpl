{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · Contracts</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<div class="bar">
<a class="brand" href="/contracts">Contracts</a>
{{#SIGNED_IN}}
<nav aria-label="Main">
<ul>
<li><a href="/contracts">All contracts</a></li>
{{#HAS_UNREAD_MESSAGES}}<li><a href="/contracts/{{UNREAD_THREAD}}/messages">Messages <span class="count">{{UNREAD_MESSAGES}}<span class="sr"> unread</span></span></a></li>{{/HAS_UNREAD_MESSAGES}}
<li><a href="/notifications">Notifications{{#HAS_UNREAD}} <span class="count">{{UNREAD}}<span class="sr"> unread</span></span>{{/HAS_UNREAD}}</a></li>
<li><a href="/help/ending-a-contract">Help</a></li>
<li><a href="/settings">Settings</a></li>
</ul>
</nav>
<div class="who">
<a href="/users/{{USER_ID}}">{{USER_NAME}}</a>
<form method="post" action="/logout">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="link">Sign out</button>
</form>
</div>
{{/SIGNED_IN}}
{{#SIGNED_OUT}}
<nav aria-label="Main">
<ul>
<li><a href="/help/ending-a-contract">Help</a></li>
<li><a href="/login">Sign in</a></li>
</ul>
</nav>
{{/SIGNED_OUT}}
</div>
</header>
<main id="main">
{{#FLASH}}<p class="flash" role="status">{{MESSAGE}}</p>{{/FLASH}}
{{>BODY}}
</main>
<footer class="foot">
<p>{{#SIGNED_IN}}Times are in your time zone, {{ZONE}} (<a href="/settings#zone-h">change</a>); deadlines show UTC as well, and the rules run in UTC.{{/SIGNED_IN}}{{#SIGNED_OUT}}Times are UTC.{{/SIGNED_OUT}} <a href="/help/ending-a-contract">Ending a contract: how it works</a></p>
</footer>
</body>
</html>
