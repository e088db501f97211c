{{%AUTOESCAPE context="HTML"}}
<article class="help">
<p class="crumbs"><a href="/help/ending-a-contract">Help</a></p>
<h1>Ending a contract</h1>
<p class="lead">Either side, the client or the freelancer (or the agency the freelancer works through), can end a contract at any time. This article explains what happens when you do: to the Work Diary, to billing and payments, to refunds, and what both sides do afterwards. All times are UTC.</p>

<nav class="toc" aria-label="On this page">
<ol>
<li><a href="#before">Before you end: tips</a></li>
<li><a href="#how">How to end a contract</a></li>
<li><a href="#diary">The Work Diary locks</a></li>
<li><a href="#billing">Billing of the last hours</a></li>
<li><a href="#disputes">Disputes</a></li>
<li><a href="#fixed">Fixed-price contracts and escrow</a></li>
<li><a href="#refunds">Refunds</a></li>
<li><a href="#checklist">The after-ending checklist</a></li>
<li><a href="#feedback">Feedback</a></li>
<li><a href="#example">Example: if the contract ended today</a></li>
</ol>
</nav>

<section id="before" aria-labelledby="before-h">
<h2 id="before-h">Before you end: tips</h2>
<ul>
<li><strong>Talk to the other side first.</strong> Say that you plan to end the contract and why. Most surprises after the end come from a contract ended without a word.</li>
<li><strong>Discuss the work.</strong> Agree on what is finished, what is still to be delivered, and which files, accounts and equipment go back.</li>
<li><strong>Hourly contracts: let the freelancer check the current week's Work Diary.</strong> Once the contract ends the diary is locked, and hours that are missing can no longer be added.</li>
<li>Ending is final: an ended contract cannot be restarted. For new work, start a new contract.</li>
</ul>
</section>

<section id="how" aria-labelledby="how-h">
<h2 id="how-h">How to end a contract</h2>
<ol>
<li>On <a href="/contracts">All contracts</a>, open the options (…) of the contract and choose <strong>End contract</strong>. The contract page has the same button.</li>
<li>The confirmation page shows, for this contract: the hours logged this week and their amount, that they will be billed, the date the client is invoiced and the last day to dispute them, that the Work Diary locks at once, and that refunds stay possible for payments of the past 180 days.</li>
<li>Give a reason and confirm. The contract ends at once and the other side is notified. Confirming twice (a double click, or both sides at the same moment) changes nothing: the contract simply stays ended.</li>
</ol>
</section>

<section id="diary" aria-labelledby="diary-h">
<h2 id="diary-h">The Work Diary locks</h2>
<p>While a contract runs, the freelancer logs hours in the Work Diary for the current week (Monday 00:00 to Sunday 23:59 UTC), and may still adjust the week just ended until <strong>Monday 11:59 UTC</strong>.</p>
<p>When the contract ends, the Work Diary is <strong>locked at once</strong>: no hours can be added, changed or deleted, whatever the week. Hours logged before the end are billed as usual. Hours over the contract's weekly limit are not billed.</p>
</section>

<section id="billing" aria-labelledby="billing-h">
<h2 id="billing-h">Billing of the last hours</h2>
<p>Ending does not change the weekly billing cycle:</p>
<ul>
<li>The client is invoiced on <strong>Monday at 12:00 UTC</strong> for the week before.</li>
<li>The client can review the invoice until <strong>Friday 23:59 UTC</strong> that week.</li>
<li>The freelancer's funds become available the <strong>Wednesday after</strong>, 10 days after the week ended.</li>
</ul>
</section>

<section id="disputes" aria-labelledby="disputes-h">
<h2 id="disputes-h">Disputes</h2>
<p>During the review period only (invoice Monday 12:00 to Friday 23:59 UTC), the client can dispute some or all hours of an invoice, with a reason. The freelancer then has <strong>3 days</strong> to respond:</p>
<ul>
<li><strong>Accept</strong>: the disputed hours are refunded to the client at once.</li>
<li><strong>Decline</strong>: the dispute is escalated for the marketplace to review.</li>
</ul>
<p>After Friday 23:59 UTC the review period is over and the invoice can no longer be disputed.</p>
</section>

<section id="fixed" aria-labelledby="fixed-h">
<h2 id="fixed-h">Fixed-price contracts and escrow</h2>
<p>When the client ends a fixed-price contract with money in escrow, the client chooses to release all of it, part of it, or none to the freelancer. Releasing less than all asks for the rest back: the freelancer has <strong>7 days</strong> to accept or decline, and no answer in 7 days counts as accepted. A declined request makes the contract <em>disputed</em>, for the marketplace to settle.</p>
<p>When the freelancer side ends a fixed-price contract, the money in escrow goes back to the client.</p>
</section>

<section id="refunds" aria-labelledby="refunds-h">
<h2 id="refunds-h">Refunds</h2>
<p>The freelancer side can refund all or part of a payment, on an active or an ended contract, if the payment was made within the past <strong>180 days</strong>. For older payments, contact support. The refunds of a payment never add up to more than the payment, and a refund cannot be undone. The client does not refund itself: ask the freelancer, or dispute hours during the review period.</p>
</section>

<section id="checklist" aria-labelledby="checklist-h">
<h2 id="checklist-h">The after-ending checklist</h2>
<p>Each side has its own checklist on the contract's <em>Checklist</em> page. You can read it before the end to prepare, and tick items once the contract has ended; each tick is saved with its time, and you can untick an item again. Your progress shows as “N of M done” on the checklist, the contract page and your list of contracts.</p>
<div class="grid">
<div>
<h3>Client</h3>
<ul>
<li>Revoke passwords and special access given to the freelancer.</li>
<li>Confirm all work and work-related materials and equipment are received.</li>
<li>Remind the freelancer to remove your property (documents, files, software) from their equipment. The <strong>Send reminder</strong> button notifies the freelancer and ticks the item.</li>
</ul>
</div>
<div>
<h3>Freelancer</h3>
<ul>
<li>Deliver all remaining work and return the client's materials and equipment.</li>
<li>Remove the client's property from your equipment.</li>
<li>Return or discard access you were given.</li>
</ul>
</div>
</div>
</section>

<section id="feedback" aria-labelledby="feedback-h">
<h2 id="feedback-h">Feedback</h2>
<p>After the end, each side can leave feedback on the other once, within <strong>14 days</strong>. The window closes at <strong>midnight UTC</strong> at the end of the 14th day after the day the contract ended; after that no new feedback can be left.</p>
<ul>
<li><strong>Public part</strong>: 1 to 5 stars per category, an overall score (the mean of your stars), and a comment of up to 5,000 characters.
The client rates the freelancer on skills, quality of work, availability, adherence to schedule, communication and cooperation; the freelancer rates the client on clarity of requirements, communication, adherence to schedule, cooperation and availability.</li>
<li><strong>Private part</strong>: your reason for ending and how likely you are to recommend the other side (0 to 10). It is for the marketplace only and is <strong>never shown to the other side</strong>, on any page.</li>
</ul>
<p><strong>Feedback is double-blind.</strong> Your public feedback becomes visible to the other side once they have left theirs, or when the window closes, whichever comes first. Until then they only see that you left feedback, so neither side can answer the other's rating with its own. Revealed feedback shows on both profiles.</p>
<p>If you have not left yours, you get a reminder 3 days before your window closes. Once feedback about you is revealed, you can post <strong>one public response</strong> to it within <strong>28 days</strong>.</p>
</section>

<section id="example" aria-labelledby="example-h">
<h2 id="example-h">Example: if the contract ended today, {{TODAY}}</h2>
<ul>
<li>The Work Diary locks now. The hours of the week of {{WEEK_OF}} are invoiced {{INVOICED}}.</li>
<li>The client can dispute them until {{REVIEW_LAST}}; the freelancer's funds become available on {{AVAILABLE}}.</li>
<li>Payments made since {{REFUND_SINCE}} can still be refunded.</li>
<li>Feedback can be left until {{FEEDBACK_CLOSES}}, the end of the 14th day after; the reminder goes out on {{REMINDER}}.</li>
</ul>
</section>
</article>

<section id="helpful" class="card helpful" aria-labelledby="helpful-h">
<h2 id="helpful-h">Was this article helpful?</h2>
{{#VOTE}}
<form method="post" action="/help/ending-a-contract/vote" class="vote">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" name="helpful" value="yes"{{#SAID_YES}} aria-pressed="true" class="primary"{{/SAID_YES}}>Yes</button>
<button type="submit" name="helpful" value="no"{{#SAID_NO}} aria-pressed="true" class="primary"{{/SAID_NO}}>No</button>
</form>
{{#SAID_YES}}<p class="meta">You answered yes. You can change your answer.</p>{{/SAID_YES}}
{{#SAID_NO}}<p class="meta">You answered no. You can change your answer.</p>{{/SAID_NO}}
{{/VOTE}}
{{#VOTE_SIGNIN}}<p><a href="/login?next=/help/ending-a-contract">Sign in</a> to answer.</p>{{/VOTE_SIGNIN}}
<p class="tally" role="status">{{TALLY}}</p>
</section>
