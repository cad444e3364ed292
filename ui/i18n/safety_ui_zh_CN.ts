<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ContentLanguage</name>
    <message>
        <source>en</source>
        <extracomment>The code of the language the bilingual data (crisis lines, safety-plan steps) is shown in: "zh" for Chinese.</extracomment>
        <translation>zh</translation>
    </message>
</context>
<context>
    <name>CrisisPanel</name>
    <message>
        <source>Companion can't call anyone for you, but it's still here if you want to keep talking.</source>
        <translation>Companion 没法替你打电话，但它一直在这里，你想继续聊的话，随时可以。</translation>
    </message>
    <message>
        <source>Companion doesn't have crisis lines for this region. You can choose another region in Preferences.</source>
        <translation>Companion 还没有这个地区的危机热线。你可以在“设置”里选择其他地区。</translation>
    </message>
    <message>
        <source>Only partly verified: if it doesn't answer, try another number.</source>
        <translation>此号码只经过部分核实：如果打不通，请换一个号码试试。</translation>
    </message>
    <message>
        <source>Region: %1 (from this computer's settings; you can change it in Preferences).</source>
        <translation>地区：%1（根据这台电脑的设置；可以在“设置”里更改）。</translation>
    </message>
    <message>
        <source>You don't have to face this alone</source>
        <translation>你不必独自面对</translation>
    </message>
    <message>
        <source>You haven't written a safety plan yet. It takes a few minutes, and it helps to have it ready for a hard moment.</source>
        <translation>你还没有写安全计划。写下来只需要几分钟，难熬的时候手边有它会很有帮助。</translation>
    </message>
    <message>
        <source>Your safety plan couldn't be read just now.</source>
        <translation>暂时无法读取你的安全计划。</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Cantonese</source>
        <translation>粤语</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>在线聊天</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Crisis lines · %1</source>
        <translation>危机热线 · %1</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>紧急电话</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <source>If you are in danger or might act on thoughts of harming yourself, please reach out to someone now.</source>
        <translation>如果你正处于危险之中，或者可能会按伤害自己的念头去做，请现在就联系一个人。</translation>
    </message>
    <message>
        <source>My safety plan</source>
        <translation>我的安全计划</translation>
    </message>
    <message>
        <source>Need help now</source>
        <translation>现在需要帮助</translation>
    </message>
    <message>
        <source>Open my safety plan (Ctrl+6)</source>
        <translation>打开我的安全计划（Ctrl+6）</translation>
    </message>
    <message>
        <source>Region: %1 (chosen in Preferences).</source>
        <translation>地区：%1（在“设置”中选择）。</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>This list was provided by your clinic.</source>
        <translation>这份列表由你所在的机构提供。</translation>
    </message>
    <message>
        <source>Write my safety plan</source>
        <translation>写我的安全计划</translation>
    </message>
    <message>
        <source>Your safety plan is kept in your profile. Unlock it to see it here.</source>
        <translation>你的安全计划保存在你的个人档案里。解锁后就能在这里看到。</translation>
    </message>
    <message>
        <source>date of the last check not recorded</source>
        <translation>未记录最近核实日期</translation>
    </message>
    <message>
        <source>hours not listed</source>
        <translation>未注明服务时间</translation>
    </message>
    <message>
        <source>last checked %1</source>
        <translation>最近核实：%1</translation>
    </message>
    <message>
        <source>many languages</source>
        <translation>多种语言</translation>
    </message>
</context>
<context>
    <name>CrisisSettings</name>
    <message>
        <source>Import a clinic's crisis-line list</source>
        <translation>导入机构的危机热线列表</translation>
    </message>
    <message>
        <source>Import a clinic's list…</source>
        <translation>导入机构的列表…</translation>
    </message>
    <message>
        <source>In use: your clinic's list (%1 regions).</source>
        <translation>正在使用：你所在机构的列表（%1 个地区）。</translation>
    </message>
    <message>
        <source>The clinic's list no longer reads correctly, so the bundled list is in use.</source>
        <translation>机构的列表已无法正确读取，因此正在使用应用自带的列表。</translation>
    </message>
    <message>
        <source>%1 (not in this list)</source>
        <translation>%1（不在此列表中）</translation>
    </message>
    <message>
        <source>A crisis-line file (JSON) from your clinic. It is checked as a whole; if anything is wrong, the current list stays.</source>
        <translation>来自你所在机构的危机热线文件（JSON）。会先整体检查；只要有任何问题，就继续使用现在的列表。</translation>
    </message>
    <message>
        <source>Crisis-line lists (*.json)</source>
        <translation>危机热线列表 (*.json)</translation>
    </message>
    <message>
        <source>Follow the system (%1)</source>
        <translation>跟随系统（%1）</translation>
    </message>
    <message>
        <source>Imported: %1 regions.</source>
        <translation>已导入 %1 个地区。</translation>
    </message>
    <message>
        <source>In use: the list that comes with Companion (%1 regions).</source>
        <translation>正在使用：Companion 自带的列表（%1 个地区）。</translation>
    </message>
    <message>
        <source>Not imported (%1): %2.</source>
        <translation>未导入（%1）：%2。</translation>
    </message>
    <message>
        <source>Region for crisis lines</source>
        <translation>危机热线所属地区</translation>
    </message>
    <message>
        <source>Restore the bundled list</source>
        <translation>恢复自带的列表</translation>
    </message>
    <message>
        <source>The previous list is still in use.</source>
        <translation>之前的列表仍在使用。</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>文件本身</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Crisis lines and your safety plan, even without a model (F1)</source>
        <translation>危机热线和你的安全计划，没有模型也能打开（F1）</translation>
    </message>
    <message>
        <source>Safety plan</source>
        <translation>安全计划</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Crisis lines</source>
        <translation>危机热线</translation>
    </message>
</context>
<context>
    <name>SafetyPlanView</name>
    <message>
        <source>A plan you write on a calmer day, for a hard moment later. When things get bad, go through it from the top and stop at the step that helps. It's saved, encrypted, as you type.</source>
        <translation>在状态还不错的时候写下它，留给以后难熬的时刻。情况变糟时，从第一步开始往下看，哪一步有用就停在哪一步。你写的内容会随手加密保存。</translation>
    </message>
    <message>
        <source>Exported to %1. The PDF isn't encrypted: keep it somewhere private.</source>
        <translation>已导出到 %1。PDF 文件没有加密，请放在只有你能看到的地方。</translation>
    </message>
    <message>
        <source>The PDF couldn't be written there. Try another folder.</source>
        <translation>无法在那里保存 PDF，请换一个文件夹试试。</translation>
    </message>
    <message>
        <source>Add the crisis lines for my region</source>
        <translation>加入我所在地区的危机热线</translation>
    </message>
    <message>
        <source>Export my safety plan</source>
        <translation>导出我的安全计划</translation>
    </message>
    <message>
        <source>Export to PDF…</source>
        <translation>导出为 PDF…</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>In an emergency, call %1.</source>
        <translation>紧急情况请拨打 %1。</translation>
    </message>
    <message>
        <source>My safety plan</source>
        <translation>我的安全计划</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Print my safety plan</source>
        <translation>打印我的安全计划</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>保存状态</translation>
    </message>
    <message>
        <source>Saved as you type.</source>
        <translation>输入时会自动保存。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
    <message>
        <source>Start with any step; each one is saved as you type.</source>
        <translation>从哪一步开始都可以，写下的内容会自动保存。</translation>
    </message>
    <message>
        <source>safety-plan.pdf</source>
        <translation>安全计划.pdf</translation>
    </message>
</context>
</TS>
