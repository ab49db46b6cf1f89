// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: afo_ns_parse() against well-formed and hostile neighbour
 * solicitations. Each case takes a valid solicitation, breaks one thing
 * the kernel's ND checks, and expects it left alone (false), so that
 * the module never answers what ndisc_rcv()/ndisc_recv_ns() would drop.
 * afo_na_parse() likewise for advertisements, for the checks of the
 * message itself (ndisc_rcv()): their options are not read, since the
 * MAC that counts is the frame's source, so an advertisement whose
 * options ndisc_recv_na() would refuse may still answer a liveness
 * target probe (an on-link forger could send a valid one just as well).
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "nd_parse.h"

static const u8 afo_np_src_mac[ETH_ALEN] = { 2, 0, 0, 0, 0x0c, 0 };
static const u8 afo_np_opt_mac[ETH_ALEN] = { 2, 0, 0, 0, 0x0c, 9 };

/* 2001:db8::100 asks for 2001:db8::1 at the solicited-node group. */
static const struct in6_addr afo_np_saddr = { { { 0x20, 1, 0xd, 0xb8,
	[15] = 0 } } };

/**
 * struct afo_np_frame - a solicitation being built
 * @hop:     hop limit
 * @code:    ICMPv6 code
 * @type:    ICMPv6 type
 * @nexthdr: next header of the IPv6 header
 * @saddr:   source address
 * @target:  target address
 * @opt:     options, @optlen bytes
 * @optlen:  their length
 * @cut:     bytes cut from the end of the ICMPv6 message (length too)
 * @extra_len: added to the IPv6 payload length only (lies about it)
 * @bad_csum: break the checksum
 * @arphrd:  the device type
 * @frag:    reassembled from fragments (IP6SKB_FRAGMENTED)
 * @eth_src_group: a multicast Ethernet source (never sent, but forged)
 * @solicited: the solicited flag (advertisements)
 */
struct afo_np_frame {
	u8 hop, code, type, nexthdr;
	struct in6_addr saddr, target;
	u8 opt[32];
	unsigned int optlen;
	unsigned int cut;
	int extra_len;
	bool bad_csum;
	unsigned short arphrd;
	bool frag;
	bool eth_src_group;
	bool solicited;
};

static void afo_np_valid(struct afo_np_frame *f)
{
	memset(f, 0, sizeof(*f));
	f->hop = 255;
	f->type = NDISC_NEIGHBOUR_SOLICITATION;
	f->nexthdr = IPPROTO_ICMPV6;
	f->saddr = afo_np_saddr;
	f->saddr.s6_addr[14] = 1;		/* 2001:db8::100 */
	f->target = afo_np_saddr;
	f->target.s6_addr[15] = 1;		/* 2001:db8::1 */
	f->opt[0] = ND_OPT_SOURCE_LL_ADDR;
	f->opt[1] = 1;
	memcpy(f->opt + 2, afo_np_opt_mac, ETH_ALEN);
	f->optlen = 8;
	f->arphrd = ARPHRD_ETHER;
}

/* The frame as an skb at LOCAL_IN: MAC header set, data at IPv6. */
static struct sk_buff *afo_np_skb(struct kunit *test,
				  const struct afo_np_frame *f)
{
	unsigned int len = sizeof(struct nd_msg) + f->optlen - f->cut;
	struct net_device *dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);
	struct sk_buff *skb = alloc_skb(ETH_HLEN + sizeof(struct ipv6hdr) + 64,
					GFP_KERNEL);
	struct ipv6hdr *ip6;
	struct ethhdr *eth;
	struct nd_msg *msg;

	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	dev->type = f->arphrd;
	skb->dev = dev;
	eth = skb_put(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	memcpy(eth->h_source, afo_np_src_mac, ETH_ALEN);
	if (f->eth_src_group)
		eth->h_source[0] |= 1;
	eth->h_proto = htons(ETH_P_IPV6);
	skb_pull(skb, ETH_HLEN);
	skb_reset_network_header(skb);
	ip6 = skb_put_zero(skb, sizeof(*ip6));
	ip6->version = 6;
	ip6->payload_len = htons(len + f->extra_len);
	ip6->nexthdr = f->nexthdr;
	ip6->hop_limit = f->hop;
	ip6->saddr = f->saddr;
	ip6->daddr = f->target;
	msg = skb_put_zero(skb, sizeof(*msg) + f->optlen);
	msg->icmph.icmp6_type = f->type;
	msg->icmph.icmp6_code = f->code;
	msg->icmph.icmp6_solicited = f->solicited;
	msg->target = f->target;
	memcpy(msg->opt, f->opt, f->optlen);
	skb_trim(skb, skb->len - f->cut);
	msg->icmph.icmp6_cksum = csum_ipv6_magic(&ip6->saddr, &ip6->daddr, len,
						 IPPROTO_ICMPV6,
						 csum_partial(msg, len, 0));
	if (f->bad_csum)
		msg->icmph.icmp6_cksum ^= htons(0x5555);
	if (f->frag)
		IP6CB(skb)->flags |= IP6SKB_FRAGMENTED;
	return skb;
}

static bool afo_np_parse(struct kunit *test, const struct afo_np_frame *f,
			 struct afo_ns *ns)
{
	struct sk_buff *skb = afo_np_skb(test, f);
	bool ok = afo_ns_parse(skb, ns);

	kfree_skb(skb);
	return ok;
}

static void afo_np_well_formed(struct kunit *test)
{
	struct afo_np_frame f;
	struct afo_ns ns;

	afo_np_valid(&f);
	KUNIT_ASSERT_TRUE(test, afo_np_parse(test, &f, &ns));
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&ns.saddr, &f.saddr));
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&ns.target, &f.target));
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(ns.lladdr, afo_np_opt_mac));

	/* No option: the answer goes to the frame's Ethernet source. */
	f.optlen = 0;
	KUNIT_ASSERT_TRUE(test, afo_np_parse(test, &f, &ns));
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(ns.lladdr, afo_np_src_mac));

	/* An unknown option is skipped, as ND skips it. */
	afo_np_valid(&f);
	f.opt[8] = 200;
	f.opt[9] = 1;
	f.optlen = 16;
	KUNIT_EXPECT_TRUE(test, afo_np_parse(test, &f, &ns));

	/* A second source link-layer option is ignored: the first counts. */
	memcpy(f.opt + 8, f.opt, 8);
	f.opt[15] = 0x77;
	KUNIT_ASSERT_TRUE(test, afo_np_parse(test, &f, &ns));
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(ns.lladdr, afo_np_opt_mac));
}

/* One thing broken each: left to the kernel. */
static void afo_np_hostile(struct kunit *test)
{
	struct afo_np_frame f;
	struct afo_ns ns;
	unsigned int i;

	for (i = 0; i < 21; i++) {
		afo_np_valid(&f);
		switch (i) {
		case 0:
			f.hop = 254;
			break;
		case 1:
			f.hop = 1;
			break;
		case 2:
			f.code = 1;
			break;
		case 3:
			f.bad_csum = true;
			break;
		case 4:	/* a DAD probe */
			memset(&f.saddr, 0, sizeof(f.saddr));
			f.optlen = 0;
			break;
		case 5:	/* a multicast source */
			f.saddr.s6_addr[0] = 0xff;
			break;
		case 6:	/* a multicast target */
			f.target.s6_addr[0] = 0xff;
			break;
		case 7:	/* a zero-length option */
			f.opt[1] = 0;
			break;
		case 8:	/* an option past the end */
			f.opt[1] = 2;
			break;
		case 9:	/* a short message */
			f.optlen = 0;
			f.cut = 4;
			break;
		case 10:	/* longer than the frame */
			f.extra_len = 16;
			break;
		case 11:
			f.type = NDISC_NEIGHBOUR_ADVERTISEMENT;
			break;
		case 12:	/* an extension header */
			f.nexthdr = NEXTHDR_HOP;
			break;
		case 13:
			f.arphrd = ARPHRD_INFINIBAND;
			break;
		case 14:	/* a lone byte of options */
			f.optlen = 9;
			f.opt[8] = 1;
			break;
		case 15:	/* a source link-layer option of 16 bytes */
			f.opt[1] = 2;
			f.optlen = 16;
			break;
		case 16:	/* reassembled from fragments */
			f.frag = true;
			break;
		case 17:	/* a multicast source link-layer address */
			f.opt[2] = 0x33;
			f.opt[3] = 0x33;
			break;
		case 18:	/* the broadcast address */
			memset(f.opt + 2, 0xff, ETH_ALEN);
			break;
		case 19:	/* zero */
			memset(f.opt + 2, 0, ETH_ALEN);
			break;
		case 20:	/* no option, a group as the frame's source */
			f.optlen = 0;
			f.eth_src_group = true;
			break;
		}
		KUNIT_EXPECT_FALSE_MSG(test, afo_np_parse(test, &f, &ns),
				       "hostile case %u parsed", i);
	}
}

/* A router's answer: solicited, target link-layer option. */
static void afo_np_advert_valid(struct afo_np_frame *f)
{
	afo_np_valid(f);
	f->type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	f->solicited = true;
	f->opt[0] = ND_OPT_TARGET_LL_ADDR;
}

static bool afo_np_parse_na(struct kunit *test, const struct afo_np_frame *f,
			    struct afo_na *na)
{
	struct sk_buff *skb = afo_np_skb(test, f);
	bool ok = afo_na_parse(skb, na);

	kfree_skb(skb);
	return ok;
}

static void afo_np_advert(struct kunit *test)
{
	struct afo_np_frame f;
	struct afo_na na;
	unsigned int i;

	afo_np_advert_valid(&f);
	KUNIT_ASSERT_TRUE(test, afo_np_parse_na(test, &f, &na));
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&na.target, &f.target));
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&na.daddr, &f.target));
	KUNIT_EXPECT_TRUE(test, na.solicited);
	/* the MAC it came from, whatever its option says */
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(na.lladdr, afo_np_src_mac));
	f.solicited = false;
	KUNIT_ASSERT_TRUE(test, afo_np_parse_na(test, &f, &na));
	KUNIT_EXPECT_FALSE(test, na.solicited);

	for (i = 0; i < 8; i++) {
		afo_np_advert_valid(&f);
		switch (i) {
		case 0:
			f.hop = 254;
			break;
		case 1:
			f.code = 1;
			break;
		case 2:
			f.bad_csum = true;
			break;
		case 3:	/* a multicast target */
			f.target.s6_addr[0] = 0xff;
			break;
		case 4:
			f.type = NDISC_NEIGHBOUR_SOLICITATION;
			break;
		case 5:	/* reassembled from fragments */
			f.frag = true;
			break;
		case 6:	/* a group as the frame's source */
			f.eth_src_group = true;
			break;
		case 7:	/* a short message */
			f.optlen = 0;
			f.cut = 4;
			break;
		}
		KUNIT_EXPECT_FALSE_MSG(test, afo_np_parse_na(test, &f, &na),
				       "hostile advertisement %u parsed", i);
	}
}

static struct kunit_case afo_np_cases[] = {
	KUNIT_CASE(afo_np_well_formed),
	KUNIT_CASE(afo_np_hostile),
	KUNIT_CASE(afo_np_advert),
	{}
};

static struct kunit_suite afo_np_suite = {
	.name = "arp_failover_nd_parse",
	.test_cases = afo_np_cases,
};

kunit_test_suite(afo_np_suite);
