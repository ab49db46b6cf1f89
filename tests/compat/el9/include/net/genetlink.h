/* fixture */
struct genl_family {
	u8			resv_start_op;
};
