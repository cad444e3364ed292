<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackupDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Back up this profile</source>
        <translation>备份这个个人空间</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <source>Backup saved: %1</source>
        <translation>备份已保存：%1</translation>
    </message>
    <message>
        <source>Choose where to save the backup.</source>
        <translation>请选择备份保存的位置。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Companion backups (*%1)</source>
        <translation>Companion 备份文件 (*%1)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Save the backup</source>
        <translation>保存备份</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>The backup is one encrypted file with everything in this profile. Keep it somewhere safe, such as a USB stick; you can restore it on this computer or another one.</source>
        <translation>备份是一个加密文件，包含这个个人空间里的全部内容。请把它放在安全的地方，比如 U 盘；之后可以在这台电脑或另一台电脑上恢复。</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Type a passphrase for the backup.</source>
        <translation>请为备份输入一个密码。</translation>
    </message>
    <message>
        <source>Type your profile's passphrase to confirm it; the backup will open with the same one.</source>
        <translation>请输入这个个人空间的密码确认一下；以后用同一个密码就能打开这份备份。</translation>
    </message>
    <message>
        <source>Use a separate passphrase for this backup</source>
        <translation>为这份备份另设一个密码</translation>
    </message>
    <message>
        <source>Use my profile's passphrase</source>
        <translation>使用个人空间的密码</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Change passphrase…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <source>Changing the passphrase… this takes a few seconds.</source>
        <translation>正在修改密码……需要几秒钟。</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>The two new passphrases are not the same.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>Type your current passphrase and a new one.</source>
        <translation>请输入当前密码和新密码。</translation>
    </message>
    <message>
        <source>Your conversations stay as they are; only the lock on them changes. A recovery code, if you made one, keeps working.</source>
        <translation>你的对话都会原样保留，换的只是那把“锁”。如果你设置过恢复码，它依然有效。</translation>
    </message>
</context>
<context>
    <name>DataErrors</name>
    <message>
        <source>Something went wrong; nothing was changed.</source>
        <translation>出了点问题，但没有任何内容被改动。</translation>
    </message>
    <message>
        <source>That nickname can't be used. Try a shorter one.</source>
        <translation>这个昵称不能用，换个短一点的试试。</translation>
    </message>
    <message>
        <source>That passphrase doesn't open this backup.</source>
        <translation>这个密码打不开这份备份。</translation>
    </message>
    <message>
        <source>That recovery code doesn't open this profile.</source>
        <translation>这个恢复码打不开这个个人空间。</translation>
    </message>
    <message>
        <source>The backup file could not be found.</source>
        <translation>找不到这个备份文件。</translation>
    </message>
    <message>
        <source>The backup file is damaged and cannot be restored.</source>
        <translation>备份文件已损坏，无法恢复。</translation>
    </message>
    <message>
        <source>The backup file is incomplete; it may have been cut off while it was copied.</source>
        <translation>备份文件不完整，可能是在复制时被截断了。</translation>
    </message>
    <message>
        <source>The file couldn't be read or written there. Try another folder.</source>
        <translation>无法在那里读写文件，换个文件夹试试。</translation>
    </message>
    <message>
        <source>This backup was made by a newer version of Companion; update the app to restore it.</source>
        <translation>这份备份是由更新版本的 Companion 制作的，请先更新应用再恢复。</translation>
    </message>
    <message>
        <source>This file is not a Companion backup.</source>
        <translation>这个文件不是 Companion 的备份。</translation>
    </message>
    <message>
        <source>This profile has no recovery code.</source>
        <translation>这个个人空间没有恢复码。</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>Back up…</source>
        <translation>备份…</translation>
    </message>
    <message>
        <source>Change passphrase…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <source>Delete conversations older than</source>
        <translation>自动删除早于以下时间的对话：</translation>
    </message>
    <message>
        <source>Each time this profile is unlocked, conversations with no new message in the last %1 days are deleted. Conversations that old right now: %2.</source>
        <translation>每次解锁这个个人空间时，最近 %1 天内没有新消息的对话都会被删除。目前符合条件的对话：%2 个。</translation>
    </message>
    <message>
        <source>Everything here is yours: take it with you, back it up, share a summary, or remove it.</source>
        <translation>这里的一切都属于你：可以带走、备份、分享一份摘要，也可以删除。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>If you switch this on, conversations with no new message in the last %1 days are deleted each time this profile is unlocked. Conversations that old right now: %2.</source>
        <translation>开启后，每次解锁这个个人空间时，最近 %1 天内没有新消息的对话都会被删除。目前符合条件的对话：%2 个。</translation>
    </message>
    <message>
        <source>Make a new recovery code</source>
        <translation>生成新的恢复码</translation>
    </message>
    <message>
        <source>Make a new recovery code…</source>
        <translation>生成新的恢复码…</translation>
    </message>
    <message>
        <source>On a shared computer</source>
        <translation>在多人共用的电脑上</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Remove this profile…</source>
        <translation>删除这个个人空间…</translation>
    </message>
    <message>
        <source>Report for a clinician…</source>
        <translation>给医生看的报告…</translation>
    </message>
    <message>
        <source>Take it with you</source>
        <translation>带走你的数据</translation>
    </message>
    <message>
        <source>This profile has a recovery code.</source>
        <translation>这个个人空间已设置恢复码。</translation>
    </message>
    <message>
        <source>This profile has no recovery code: if you forget your passphrase, nobody can open it.</source>
        <translation>这个个人空间没有恢复码：一旦忘了密码，谁都打不开它。</translation>
    </message>
    <message>
        <source>Type your passphrase. A new code replaces the old one, which stops working.</source>
        <translation>请输入密码。新的恢复码会取代旧的，旧码随即失效。</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>我的数据</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>A folder of Markdown files and one HTML page</source>
        <translation>一个文件夹：若干 Markdown 文件和一个 HTML 网页</translation>
    </message>
    <message>
        <source>One PDF file</source>
        <translation>一个 PDF 文件</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Completed exercises</source>
        <translation>已完成的练习</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export my data</source>
        <translation>导出我的数据</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>My safety plan</source>
        <translation>我的安全计划</translation>
    </message>
    <message>
        <source>Self-check results, with dates</source>
        <translation>自我检查结果（含日期）</translation>
    </message>
    <message>
        <source>This export is NOT encrypted. Anyone who can open the folder “%1” can read it. Keep it somewhere private and delete it when you no longer need it.</source>
        <translation>导出的内容【没有加密】。任何能打开文件夹“%1”的人都能读到。请放在私密的地方，不再需要时记得删除。</translation>
    </message>
    <message>
        <source>What the companion remembers</source>
        <translation>Companion 记住的内容</translation>
    </message>
    <message>
        <source>What to export</source>
        <translation>要导出的内容</translation>
    </message>
</context>
<context>
    <name>ForgotPassphraseDialog</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <source>Forgot your passphrase?</source>
        <translation>忘记密码了？</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>Set new passphrase</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <source>The two new passphrases are not the same.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>This profile has a recovery code. Type it to choose a new passphrase.</source>
        <translation>这个个人空间设置过恢复码。输入恢复码，就可以设置新密码。</translation>
    </message>
    <message>
        <source>This profile has no recovery code. If it holds nothing you need, you can make a new profile; a backup you made can be restored with the passphrase you gave it.</source>
        <translation>这个个人空间没有恢复码。如果里面没有你需要的内容，可以新建一个个人空间；你做过的备份，可以用当时设置的密码恢复。</translation>
    </message>
    <message>
        <source>Type the recovery code and a new passphrase.</source>
        <translation>请输入恢复码和新密码。</translation>
    </message>
    <message>
        <source>Your profile is encrypted with your passphrase, and nobody else has a copy of it: not us, not anyone. That is what keeps your words private, and it also means that without the passphrase or a recovery code, nothing in the profile can be opened again. We're sorry; this is by design.</source>
        <translation>你的个人空间是用你的密码加密的，除了你，没有任何人有这个密码——我们没有，别人也没有。正因为如此，你写下的内容才是私密的；但这也意味着，没有密码或恢复码，个人空间里的内容就再也打不开了。很抱歉，这是有意这样设计的。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Your data</source>
        <translation>我的数据</translation>
    </message>
</context>
<context>
    <name>PassphraseStrength</name>
    <message>
        <source>Fair. Three or four unrelated words make a much stronger passphrase.</source>
        <translation>一般。用三四个互不相关的词组成密码，会安全得多。</translation>
    </message>
    <message>
        <source>Strong. Make sure you can remember it.</source>
        <translation>很强。请确保自己记得住。</translation>
    </message>
    <message>
        <source>Too short: anyone with the files could guess it quickly.</source>
        <translation>太短了：拿到文件的人很快就能猜出来。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeOffer</name>
    <message>
        <source>A recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>Companion recovery code</source>
        <translation>Companion 恢复码</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>I have written it down or printed it</source>
        <translation>我已经抄下来或打印好了</translation>
    </message>
    <message>
        <source>If you ever forget your passphrase, a recovery code is the only other way into this profile. It is shown once: write it down or print it, and keep it somewhere safe, away from this computer. Anyone with the code can open the profile. You can also skip this; then a forgotten passphrase means the profile can't be opened by anyone.</source>
        <translation>万一忘了密码，恢复码是进入这个个人空间的唯一其他办法。它只显示这一次：请抄下来或打印出来，放在远离这台电脑的安全地方。拿到恢复码的人都能打开这个个人空间。你也可以跳过这一步；那样的话，一旦忘了密码，谁都打不开它。</translation>
    </message>
    <message>
        <source>It won't be shown again. Letters and digits only; the dashes don't matter.</source>
        <translation>它不会再次显示。只需要字母和数字，短横线输不输都可以。</translation>
    </message>
    <message>
        <source>Make a recovery code</source>
        <translation>生成恢复码</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Your recovery code for “%1”:</source>
        <translation>“%1”的恢复码：</translation>
    </message>
</context>
<context>
    <name>RemoveProfileDialog</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Completed exercises</source>
        <translation>已完成的练习</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Memories</source>
        <translation>记住的内容</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Remove for good</source>
        <translation>永久删除</translation>
    </message>
    <message>
        <source>Remove this profile</source>
        <translation>删除这个个人空间</translation>
    </message>
    <message>
        <source>Remove “%1” and everything in it from this computer?</source>
        <translation>要从这台电脑上删除“%1”及其中的全部内容吗？</translation>
    </message>
    <message>
        <source>Safety plan steps filled in</source>
        <translation>已填写的安全计划步骤</translation>
    </message>
    <message>
        <source>Self-check results</source>
        <translation>自我检查结果</translation>
    </message>
    <message>
        <source>This can't be undone. The profile's keys are destroyed, so its encrypted files can't be opened again; a backup you made elsewhere is not touched.</source>
        <translation>删除后无法撤销。个人空间的密钥会被销毁，加密的文件再也无法打开；你在别处保存的备份不受影响。</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>A report for your clinician</source>
        <translation>给医生看的报告</translation>
    </message>
    <message>
        <source>Include my safety plan</source>
        <translation>附上我的安全计划</translation>
    </message>
    <message>
        <source>Include the text of my conversations</source>
        <translation>附上我的对话原文</translation>
    </message>
    <message>
        <source>Only if you want your clinician to read them word for word.</source>
        <translation>只有在你希望医生逐字阅读时才勾选。</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>Saved to %1. The PDF isn't encrypted: keep it somewhere private.</source>
        <translation>已保存到 %1。这个 PDF 没有加密，请放在私密的地方。</translation>
    </message>
    <message>
        <source>Self-check report</source>
        <translation>自我检查报告</translation>
    </message>
    <message>
        <source>Your self-check scores over time and the exercises you completed each week. Nothing is sent anywhere: you save the PDF and choose whom to give it to.</source>
        <translation>包括你历次自我检查的分数，以及每周完成的练习。报告不会被发送到任何地方：PDF 由你保存，给谁看也由你决定。</translation>
    </message>
    <message>
        <source>self-check-report.pdf</source>
        <translation>自我检查报告.pdf</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>A backup is restored as a new profile; no profile on this computer is replaced. It opens with the passphrase the backup was made with.</source>
        <translation>备份会被恢复成一个新的个人空间，不会覆盖这台电脑上已有的任何个人空间。恢复后，用制作备份时的密码打开。</translation>
    </message>
    <message>
        <source>A profile with this nickname is already here. Type another nickname for the restored one; nothing has been replaced.</source>
        <translation>这里已经有同名的个人空间了。请为恢复的个人空间另起一个昵称；没有任何内容被覆盖。</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <source>Choose the backup file.</source>
        <translation>请选择备份文件。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Companion backups (*%1)</source>
        <translation>Companion 备份文件 (*%1)</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Passphrase of the backup</source>
        <translation>备份的密码</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>the nickname in the backup</source>
        <translation>默认使用备份里的昵称</translation>
    </message>
</context>
<context>
    <name>UnlockExtras</name>
    <message>
        <source>Forgot your passphrase?</source>
        <translation>忘记密码了？</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
</context>
</TS>
