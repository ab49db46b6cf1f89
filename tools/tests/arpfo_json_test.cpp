// SPDX-License-Identifier: GPL-2.0-only
#include <gtest/gtest.h>

#include "arpfo/json.hpp"

using namespace arpfo;

TEST(ArpfoJson, QuotesPlainText)
{
	EXPECT_EQ(json_quote(""), "\"\"");
	EXPECT_EQ(json_quote("eth0"), "\"eth0\"");
	EXPECT_EQ(json_quote("a-b_c.d@e"), "\"a-b_c.d@e\"");
}

TEST(ArpfoJson, EscapesQuotesBackslashesAndControls)
{
	EXPECT_EQ(json_quote("a\"b"), "\"a\\\"b\"");
	EXPECT_EQ(json_quote("a\\b"), "\"a\\\\b\"");
	EXPECT_EQ(json_quote("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"");
	EXPECT_EQ(json_quote(std::string_view("\x01\x1f\x7f", 3)), "\"\\u0001\\u001f\\u007f\"");
	EXPECT_EQ(json_quote(std::string_view("a\0b", 3)), "\"a\\u0000b\"");
	EXPECT_EQ(json_quote("/"), "\"/\"");
}

TEST(ArpfoJson, KeepsValidUtf8)
{
	EXPECT_EQ(json_quote("\xc3\xa9th0"), "\"\xc3\xa9th0\"");		// é
	EXPECT_EQ(json_quote("\xe2\x82\xac"), "\"\xe2\x82\xac\"");		// €
	EXPECT_EQ(json_quote("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\""); // U+1F600
}

TEST(ArpfoJson, ReplacesInvalidUtf8)
{
	EXPECT_EQ(json_quote("\xff"), "\"\\ufffd\"");
	EXPECT_EQ(json_quote("a\xc3"), "\"a\\ufffd\"");		  // truncated
	EXPECT_EQ(json_quote("\xc0\xaf"), "\"\\ufffd\\ufffd\"");	  // overlong '/'
	EXPECT_EQ(json_quote("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\""); // surrogate
	EXPECT_EQ(json_quote("\xf4\x90\x80\x80"), "\"\\ufffd\\ufffd\\ufffd\\ufffd\""); // > U+10FFFF
	EXPECT_EQ(json_quote("\xe2\x82x"), "\"\\ufffd\\ufffdx\"");
}

TEST(ArpfoJson, WriterSeparatesElements)
{
	JsonWriter w;

	w.begin_object();
	w.key("a").number(1);
	w.key("b").begin_array().string("x").null().boolean(true).begin_object().end_object().end_array();
	w.key("c").begin_object().key("d").boolean(false).end_object();
	w.key("e").begin_array().end_array();
	w.key("f").number(18446744073709551615ULL);
	w.end_object();
	EXPECT_EQ(w.str(), "{\"a\":1,\"b\":[\"x\",null,true,{}],\"c\":{\"d\":false},\"e\":[],"
			   "\"f\":18446744073709551615}");
}

TEST(ArpfoJson, WriterEscapesKeys)
{
	JsonWriter w;

	w.begin_object().key("k\"").string("v\n").end_object();
	EXPECT_EQ(w.str(), "{\"k\\\"\":\"v\\n\"}");
}
