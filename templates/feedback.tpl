{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/contracts">All contracts</a> › <a href="/contracts/{{ID}}">{{CONTRACT_TITLE}}</a></p>
<h1>Feedback</h1>
<p class="meta">Double-blind: what you write is shown to {{OTHER}} once they have left theirs, or when the window closes, whichever comes first. Until then they only see that you left feedback.</p>
{{#NOT_ENDED}}<p class="note">Feedback opens when the contract ends. Both sides then have 14 days to leave it.</p>{{/NOT_ENDED}}
{{#WINDOW_OPEN}}<p class="note">The feedback window is open until <strong>{{CLOSES}}</strong>, the end of the 14th day after the contract ended.</p>{{/WINDOW_OPEN}}
{{#WINDOW_CLOSED}}<p class="note">The feedback window closed on {{CLOSES}}.</p>{{/WINDOW_CLOSED}}

<section class="card fb-section" aria-labelledby="yours">
<h2 id="yours">{{YOURS}} feedback for {{OTHER}}</h2>
{{#MINE}}
<p class="fb-overall"><span class="stars" aria-hidden="true">{{OVERALL_STARS}}</span> <strong>{{OVERALL}}</strong> out of 5 overall · left {{LEFT_ON}}{{#BY_OTHER}} by {{AUTHOR}}, for {{FOR}}{{/BY_OTHER}}{{#BY_YOU}} by you{{/BY_YOU}}</p>
<dl class="fb-cats">
{{#CAT}}<dt>{{LABEL}}</dt><dd><span class="stars" aria-hidden="true">{{STARS}}</span> {{N}} out of 5</dd>
{{/CAT}}</dl>
{{#COMMENT}}<blockquote class="fb-comment">{{TEXT}}</blockquote>{{/COMMENT}}
{{#NO_COMMENT}}<p class="meta">No public comment.</p>{{/NO_COMMENT}}
{{#RESPONSE}}<div class="fb-response"><h3>{{OTHER}}'s response</h3><p class="meta">{{RESPONSE_ON}}</p><blockquote class="fb-comment">{{RESPONSE_TEXT}}</blockquote></div>{{/RESPONSE}}
{{#PRIVATE}}
<div class="fb-private">
<h3>Private part <span class="hint">({{#BY_YOU}}only you see this{{/BY_YOU}}{{#BY_OTHER}}only your side sees this{{/BY_OTHER}}; never shown to {{OTHER}})</span></h3>
<dl>
{{#REASON}}<dt>Reason for ending</dt><dd>{{REASON_TEXT}}</dd>{{/REASON}}
<dt>Would recommend</dt><dd>{{SCORE}} out of 10</dd>
</dl>
</div>
{{/PRIVATE}}
{{#WAITING}}<p class="note">{{OTHER}} has not left feedback yet. You will see theirs once they do, or when the window closes.</p>{{/WAITING}}
{{/MINE}}
{{#FORM}}
<form method="post" action="/contracts/{{ID}}/feedback" class="fb-form" id="fb-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#ERRORS}}
<div class="error-box" role="alert" id="fb-errors">
<p>Your feedback was not saved. Please fix:</p>
<ul>
{{#ERR}}<li><a href="#{{FOR}}">{{MSG}}</a></li>{{/ERR}}
</ul>
</div>
{{/ERRORS}}
<h3>Public: rate {{OTHER}}</h3>
<p class="hint">1 star is poor, 5 stars excellent. The overall score is the mean of your ratings.</p>
{{#CAT}}
<fieldset class="rating" id="{{FIELD}}">
<legend>{{LABEL}} <span class="hint">{{HINT}}</span></legend>
{{#BAD}}<p class="field-error" id="err-{{FIELD}}">{{MSG}}</p>{{/BAD}}
<div class="stars-input">
{{#STAR}}<input type="radio" id="{{FIELD}}-{{N}}" name="{{FIELD}}" value="{{N}}"{{#FIRST}} required{{/FIRST}}{{#CHECKED}} checked{{/CHECKED}}{{#BAD}} aria-describedby="err-{{FIELD}}" aria-invalid="true"{{/BAD}}><label for="{{FIELD}}-{{N}}"><span aria-hidden="true">★</span><span class="sr">{{N}} {{WORD}}</span></label>
{{/STAR}}
</div>
</fieldset>
{{/CAT}}
<label for="comment">Public comment <span class="hint">(optional, up to {{COMMENT_MAX_TEXT}} characters; shown to {{OTHER}} and on their profile once revealed)</span></label>
{{#COMMENT_BAD}}<p class="field-error" id="err-comment">{{MSG}}</p>{{/COMMENT_BAD}}
<textarea id="comment" name="comment" rows="6" maxlength="{{COMMENT_MAX}}"{{#COMMENT_BAD}} aria-describedby="err-comment" aria-invalid="true"{{/COMMENT_BAD}}>{{COMMENT}}</textarea>
<fieldset class="fb-private">
<legend>Private <span class="hint">(for the marketplace only; never shown to {{OTHER}})</span></legend>
<label for="private_reason">Reason for ending <span class="hint">(optional)</span></label>
{{#REASON_BAD}}<p class="field-error" id="err-private_reason">{{MSG}}</p>{{/REASON_BAD}}
<input type="text" id="private_reason" name="private_reason" maxlength="{{REASON_MAX}}" value="{{REASON}}"{{#REASON_BAD}} aria-describedby="err-private_reason" aria-invalid="true"{{/REASON_BAD}}>
<label for="private_score">How likely are you to recommend {{OTHER}}? <span class="hint">(0 not at all, 10 certainly)</span></label>
{{#SCORE_BAD}}<p class="field-error" id="err-private_score">{{MSG}}</p>{{/SCORE_BAD}}
<select id="private_score" name="private_score" required{{#SCORE_BAD}} aria-describedby="err-private_score" aria-invalid="true"{{/SCORE_BAD}}>
<option value=""{{#SCORE_NONE}} selected{{/SCORE_NONE}}>Choose 0 to 10</option>
{{#SCORE}}<option value="{{N}}"{{#SELECTED}} selected{{/SELECTED}}>{{N}}</option>
{{/SCORE}}</select>
</fieldset>
<p class="hint">Feedback is left once and cannot be changed afterwards.</p>
<button type="submit" class="primary">Leave feedback</button>
</form>
{{/FORM}}
{{#MINE_MISSED}}<p class="empty">You did not leave feedback on this contract, and the window has closed.</p>{{/MINE_MISSED}}
{{#MINE_LATER}}<p class="empty">You can leave feedback once the contract has ended.</p>{{/MINE_LATER}}
{{#MINE_AGENCY}}<p class="empty">{{AGENCY}}'s owner and admins leave the feedback for the agency.</p>{{/MINE_AGENCY}}
</section>

<section class="card fb-section" aria-labelledby="theirs">
<h2 id="theirs">{{OTHER}}'s feedback for you</h2>
{{#THEIRS}}
<p class="fb-overall"><span class="stars" aria-hidden="true">{{OVERALL_STARS}}</span> <strong>{{OVERALL}}</strong> out of 5 overall · left {{LEFT_ON}}</p>
<dl class="fb-cats">
{{#CAT}}<dt>{{LABEL}}</dt><dd><span class="stars" aria-hidden="true">{{STARS}}</span> {{N}} out of 5</dd>
{{/CAT}}</dl>
{{#COMMENT}}<blockquote class="fb-comment">{{TEXT}}</blockquote>{{/COMMENT}}
{{#NO_COMMENT}}<p class="meta">No public comment.</p>{{/NO_COMMENT}}
{{#RESPONSE}}<div class="fb-response"><h3>Your response</h3><p class="meta">{{RESPONSE_ON}}</p><blockquote class="fb-comment">{{RESPONSE_TEXT}}</blockquote></div>{{/RESPONSE}}
{{#RESPOND}}
<form method="post" action="/contracts/{{ID}}/feedback/response" class="stack fb-respond">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="response">Your public response <span class="hint">(one response, until {{RESPOND_UNTIL}}; up to {{RESPONSE_MAX_TEXT}} characters)</span></label>
{{#RESPONSE_BAD}}<p class="field-error" id="err-response" role="alert">{{MSG}}</p>{{/RESPONSE_BAD}}
<textarea id="response" name="response" rows="4" maxlength="{{RESPONSE_MAX}}" required{{#RESPONSE_INVALID}} aria-describedby="err-response" aria-invalid="true"{{/RESPONSE_INVALID}}>{{RESPONSE_VALUE}}</textarea>
<button type="submit">Post response</button>
</form>
{{/RESPOND}}
{{/THEIRS}}
{{#THEIRS_HIDDEN}}<p class="note">{{OTHER}} left feedback. You will see it once you leave yours, or when the window closes.</p>{{/THEIRS_HIDDEN}}
{{#THEIRS_PENDING}}<p class="empty">{{OTHER}} has not left feedback yet.</p>{{/THEIRS_PENDING}}
{{#THEIRS_NONE}}<p class="empty">No feedback from {{OTHER}}.</p>{{/THEIRS_NONE}}
</section>
