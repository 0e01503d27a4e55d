/**
 * The header menu on a phone: a drawer from the left with the menu inline. Its own chunk (issue 20):
 * antd's Drawer is fetched after the first render on a narrow screen, not with the first script.
 */
import { Drawer, Menu, type MenuProps } from 'antd';

export function NavDrawer({
  open,
  onClose,
  title,
  selected,
  items,
  onNavigate,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  selected: string;
  items: MenuProps['items'];
  onNavigate: (key: string) => void;
}) {
  return (
    <Drawer open={open} onClose={onClose} placement="left" size={260} title={title}>
      <Menu
        mode="inline"
        selectedKeys={[selected]}
        items={items}
        onClick={(e) => {
          onClose();
          onNavigate(e.key);
        }}
        style={{ fontSize: '1.1em', borderInlineEnd: 'none' }}
      />
    </Drawer>
  );
}
