<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <source>Memory</source>
        <translation>记忆</translation>
    </message>
</context>
<context>
    <name>MemoryMarks</name>
    <message>
        <source>Don't remember this conversation</source>
        <translation>不要记住这段对话</translation>
    </message>
    <message>
        <source>Earlier messages are summarised for the companion from here on; they are all still saved.</source>
        <translation>从这里往前的消息已为陪伴者整理成摘要；所有消息都仍然保存着。</translation>
    </message>
    <message>
        <source>Nothing from this conversation is summarised, suggested as a memory or brought up in other conversations. What was already made from it is deleted. The conversation itself is still saved, encrypted.</source>
        <translation>这段对话不会被做成摘要、不会被建议为记忆，也不会在其他对话中被提起。之前由它生成的内容会被删除。对话本身仍会加密保存。</translation>
    </message>
    <message>
        <source>Remembered an earlier conversation</source>
        <translation>想起了之前的一次对话</translation>
    </message>
    <message>
        <source>Remembered: %1</source>
        <translation>想起了：%1</translation>
    </message>
</context>
<context>
    <name>MemoryPanel</name>
    <message>
        <source>Search conversations and exercises</source>
        <translation>搜索对话和练习</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>%1 results. Results open the conversation at that message.</source>
        <translation>共 %1 条结果。点开结果会跳到对话中的那条消息。</translation>
    </message>
    <message>
        <source>A conversation</source>
        <translation>一段对话</translation>
    </message>
    <message>
        <source>Add a memory</source>
        <translation>添加记忆</translation>
    </message>
    <message>
        <source>Added by you on %1</source>
        <translation>你在 %1 添加</translation>
    </message>
    <message>
        <source>Added.</source>
        <translation>已添加。</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Companion</source>
        <translation>陪伴者</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete summary</source>
        <translation>删除摘要</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>已删除。</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>不用了</translation>
    </message>
    <message>
        <source>Edit memory</source>
        <translation>编辑记忆</translation>
    </message>
    <message>
        <source>Edit summary</source>
        <translation>编辑摘要</translation>
    </message>
    <message>
        <source>Edit summary…</source>
        <translation>编辑摘要…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Everything the companion remembered is gone.</source>
        <translation>陪伴者记住的内容已全部清除。</translation>
    </message>
    <message>
        <source>Forget everything</source>
        <translation>全部忘记</translation>
    </message>
    <message>
        <source>Forget everything…</source>
        <translation>全部忘记…</translation>
    </message>
    <message>
        <source>From a conversation on %1</source>
        <translation>来自 %1 的一段对话</translation>
    </message>
    <message>
        <source>From a conversation you have since deleted</source>
        <translation>来自一段你已删除的对话</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Kept.</source>
        <translation>已保留。</translation>
    </message>
    <message>
        <source>Memories</source>
        <translation>记忆</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>记忆：</translation>
    </message>
    <message>
        <source>Only on this computer, encrypted with your passphrase. The companion uses these to understand you better; change or delete anything. Pinned memories are used in every conversation.</source>
        <translation>只保存在这台电脑上，并用你的密码加密。陪伴者会借助这些内容更好地理解你；任何一条你都可以修改或删除。置顶的记忆会用在每一次对话中。</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已置顶</translation>
    </message>
    <message>
        <source>Results open the conversation at that message.</source>
        <translation>点开结果会跳到对话中的那条消息。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>Search everything you have written here</source>
        <translation>搜索你在这里写过的一切</translation>
    </message>
    <message>
        <source>Search failed.</source>
        <translation>搜索失败。</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Something the companion should remember:</source>
        <translation>希望陪伴者记住的事：</translation>
    </message>
    <message>
        <source>Suggested from your conversations - keep only what is right:</source>
        <translation>从你的对话中整理出的建议——只保留说得对的：</translation>
    </message>
    <message>
        <source>Suggested memories</source>
        <translation>建议的记忆</translation>
    </message>
    <message>
        <source>Summaries of past conversations</source>
        <translation>以往对话的摘要</translation>
    </message>
    <message>
        <source>Summary:</source>
        <translation>摘要：</translation>
    </message>
    <message>
        <source>This deletes, from this computer: %1 memories, %2 suggestions, %3 conversation summaries and %4 summaries of long conversations, and the record of which memories each reply used. Your conversations themselves stay (you can delete them in Talk). This cannot be undone.</source>
        <translation>这会从这台电脑上删除：%1 条记忆、%2 条建议、%3 份对话摘要、%4 份长对话的阶段摘要，以及每条回复用到了哪些记忆的记录。对话本身会保留（可以在“聊天”里删除）。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>What I remember about you</source>
        <translation>我记得的关于你的事</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
</context>
</TS>
